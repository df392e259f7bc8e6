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

extension CPIResponse: Codable {
    private enum CodingKeys: String, CodingKey {
        case result, error, log
    }

    /// Decodes a response the way the director validates one: `result`, `error` and `log` must all be present,
    /// `error` is `null` or `{type, message, ok_to_retry}`, and `log` is a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.result) else {
            throw DecodingError.keyNotFound(
                CodingKeys.result, .init(codingPath: container.codingPath, debugDescription: "missing key 'result'")
            )
        }
        result = try container.decode(JSONValue.self, forKey: .result)
        guard container.contains(.error) else {
            throw DecodingError.keyNotFound(
                CodingKeys.error, .init(codingPath: container.codingPath, debugDescription: "missing key 'error'")
            )
        }
        error = try container.decodeIfPresent(CPIError.self, forKey: .error)
        log = try container.decode(String.self, forKey: .log)
    }

    /// Encodes all three keys, `null` where there is nothing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result, forKey: .result)
        if let error {
            try container.encode(error, forKey: .error)
        } else {
            try container.encodeNil(forKey: .error)
        }
        try container.encode(log, forKey: .log)
    }
}
