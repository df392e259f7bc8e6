/// One CPI response, the JSON document a CPI writes to stdout.
///
/// `{"result": ..., "error": null, "log": ""}`. All three keys are always written, as the director requires:
/// `result` is `null` when `error` is set, and `log` is a string, possibly empty.
public struct CPIResponse: Sendable, Hashable {
    /// The method's result, `null` for methods without one and on error.
    public var result: JSONValue
    /// The error, if the call failed.
    public var error: CPIError?
    /// Log text for the director's CPI task log.
    public var log: String

    /// Creates a response.
    /// - Parameters:
    ///   - result: The result value.
    ///   - error: The error, if the call failed.
    ///   - log: Log text.
    public init(result: JSONValue = .null, error: CPIError? = nil, log: String = "") {
        self.result = error == nil ? result : .null
        self.error = error
        self.log = log
    }

    /// Creates an error response.
    public static func failure(_ error: CPIError, log: String = "") -> CPIResponse {
        CPIResponse(result: .null, error: error, log: log)
    }
}

extension CPIResponse {
    /// Reads a response from its JSON value the way the director validates one: `result`, `error` and `log`
    /// must all be present, `error` is `null` or `{type: String, message: String, ok_to_retry: Bool}`, `log` a string.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` naming the first violation.
    public init(json: JSONValue) throws(CPIError) {
        guard let members = json.objectValue else {
            throw .cpiError(message: "Invalid response: expected a JSON object, got \(json.kindDescription)")
        }
        for key in ["result", "error", "log"] where members[key] == nil {
            throw .cpiError(message: "Invalid response: missing '\(key)'")
        }
        guard let log = members["log"]?.stringValue else {
            throw .cpiError(message: "Invalid response: 'log' must be a string, got \(members["log"]!.kindDescription)")
        }
        var error: CPIError?
        switch members["error"]! {
        case .null: error = nil
        case .object(let fields):
            guard let type = fields["type"]?.stringValue, let message = fields["message"]?.stringValue,
                let okToRetry = fields["ok_to_retry"]?.boolValue
            else {
                throw .cpiError(
                    message: "Invalid response: 'error' must have a string 'type', a string 'message' and a boolean 'ok_to_retry'"
                )
            }
            error = CPIError(type: type, message: message, okToRetry: okToRetry)
        case let other:
            throw .cpiError(message: "Invalid response: 'error' must be null or an object, got \(other.kindDescription)")
        }
        self.result = members["result"]!
        self.error = error
        self.log = log
    }

    /// The response as its JSON value, with all three keys.
    public var json: JSONValue {
        ["result": result, "error": error.map { .object(["type": .string($0.type), "message": .string($0.message), "ok_to_retry": .bool($0.okToRetry)]) } ?? .null, "log": .string(log)]
    }
}

extension CPIResponse: Codable, JSONValueRepresentable {
    /// Decodes a response; see ``init(json:)``.
    public init(from decoder: any Decoder) throws { self = try Self.decoded(from: decoder) }

    /// Encodes all three keys, `null` where there is nothing.
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}
