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

extension CPIRequest: Codable {
    private enum CodingKeys: String, CodingKey {
        case method, arguments, context
        case apiVersion = "api_version"
    }

    /// Decodes a request. `method` and `arguments` are required; a missing `context` decodes as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(CPIMethod.self, forKey: .method)
        arguments = try container.decode([JSONValue].self, forKey: .arguments)
        context = try container.decodeIfPresent(CPIContext.self, forKey: .context) ?? CPIContext()
        apiVersion = try container.decodeIfPresent(Int.self, forKey: .apiVersion)
    }

    /// Encodes the request with `method`, `arguments`, `context` and, when set, `api_version`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(arguments, forKey: .arguments)
        try container.encode(context, forKey: .context)
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
    }
}
