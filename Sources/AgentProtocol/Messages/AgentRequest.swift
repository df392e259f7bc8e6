import BoshJSON

/// The request envelope the director publishes on `agent.<agent_id>`.
///
/// ```json
/// {"protocol": 3, "method": "get_state", "arguments": ["full"], "reply_to": "director.<uuid>.<agent_id>.<request_id>"}
/// ```
/// The reply address travels in the body (``replyTo``), not as the NATS reply subject.
public struct AgentRequest: Codable, Hashable, Sendable {
    /// The protocol version the director speaks; the current director sends ``currentProtocol``.
    public var protocolVersion: Int?
    /// The method to run.
    public var method: AgentMethod
    /// Positional arguments; their shapes depend on the method.
    public var arguments: [JSONValue]
    /// The subject the agent publishes its reply to.
    public var replyTo: String

    /// The protocol version of the current director (`AgentClient::PROTOCOL_VERSION`).
    public static let currentProtocol = 3

    /// Creates a request.
    public init(method: AgentMethod, arguments: [JSONValue] = [], replyTo: String, protocolVersion: Int? = currentProtocol) {
        self.method = method
        self.arguments = arguments
        self.replyTo = replyTo
        self.protocolVersion = protocolVersion
    }

    enum CodingKeys: String, CodingKey {
        case protocolVersion = "protocol"
        case method, arguments
        case replyTo = "reply_to"
    }

    /// Decodes a request; a missing `arguments` counts as `[]`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try container.decodeIfPresent(Int.self, forKey: .protocolVersion)
        method = try container.decode(AgentMethod.self, forKey: .method)
        arguments = try container.decodeIfPresent([JSONValue].self, forKey: .arguments) ?? []
        replyTo = try container.decode(String.self, forKey: .replyTo)
    }
}
