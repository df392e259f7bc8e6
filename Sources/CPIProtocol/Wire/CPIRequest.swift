/// One CPI request, the JSON document a caller writes to the CPI's stdin.
///
/// `{"method": "create_vm", "arguments": [...], "context": {...}, "api_version": 2}`
public struct CPIRequest: Sendable, Hashable {
    /// The method to call.
    public var method: CPIMethod
    /// The positional arguments; always an array, `[]` for `info`.
    public var arguments: [JSONValue]
    /// The request context.
    public var context: CPIContext
    /// The CPI contract version the caller chose (the top-level `api_version`); absent before negotiation.
    public var apiVersion: Int?

    /// Creates a request.
    /// - Parameters:
    ///   - method: The method to call.
    ///   - arguments: The positional arguments.
    ///   - context: The request context.
    ///   - apiVersion: The negotiated contract version, if any.
    public init(method: CPIMethod, arguments: [JSONValue], context: CPIContext = CPIContext(), apiVersion: Int? = nil) {
        self.method = method
        self.arguments = arguments
        self.context = context
        self.apiVersion = apiVersion
    }

    /// Creates a request from typed arguments, encoded for `apiVersion`.
    public init<Arguments: CPIArguments>(_ arguments: Arguments, context: CPIContext = CPIContext(), apiVersion: Int? = nil) {
        self.init(
            method: Arguments.method, arguments: arguments.encodedArguments(apiVersion: apiVersion ?? 1),
            context: context, apiVersion: apiVersion
        )
    }
}

extension CPIRequest {
    /// Reads a request from its JSON value, checking the envelope the way a CPI must.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` naming the problem: not an object, a missing or
    ///   mistyped `method` or `arguments`, a mistyped `context` or `api_version`.
    public init(json: JSONValue) throws(CPIError) {
        guard let members = json.objectValue else {
            throw .cpiError(message: "Invalid request: expected a JSON object, got \(json.kindDescription)")
        }
        guard let method = members["method"] else { throw .cpiError(message: "Invalid request: missing 'method'") }
        guard let name = method.stringValue else {
            throw .cpiError(message: "Invalid request: 'method' must be a string, got \(method.kindDescription)")
        }
        guard let arguments = members["arguments"] else {
            throw .cpiError(message: "Invalid request: missing 'arguments'")
        }
        guard let array = arguments.arrayValue else {
            throw .cpiError(message: "Invalid request: 'arguments' must be an array, got \(arguments.kindDescription)")
        }
        var context = CPIContext()
        if let value = members["context"], !value.isNull {
            guard let object = value.objectValue else {
                throw .cpiError(message: "Invalid request: 'context' must be an object, got \(value.kindDescription)")
            }
            context = try CPIContext(jsonObject: object)
        }
        var apiVersion: Int?
        if let value = members["api_version"], !value.isNull {
            guard let int = value.intValue else {
                throw .cpiError(message: "Invalid request: 'api_version' must be an integer, got \(value.kindDescription)")
            }
            apiVersion = int
        }
        self.init(method: CPIMethod(rawValue: name), arguments: array, context: context, apiVersion: apiVersion)
    }

    /// The request as its JSON value.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "method": .string(method.rawValue), "arguments": .array(arguments), "context": .object(context.jsonObject),
        ]
        if let apiVersion { members["api_version"] = .int(apiVersion) }
        return .object(members)
    }
}

extension CPIRequest: Codable, JSONValueRepresentable {
    /// Decodes a request; see ``init(json:)``.
    public init(from decoder: any Decoder) throws { self = try Self.decoded(from: decoder) }

    /// Encodes `method`, `arguments`, `context` and, when set, `api_version`.
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}
