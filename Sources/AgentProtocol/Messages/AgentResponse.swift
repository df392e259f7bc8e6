import BoshJSON

/// A reply: `{"value": …}` or `{"exception": {"message": …}}`.
public enum AgentResponse: Hashable, Sendable {
    /// The method's result.
    case value(JSONValue)
    /// The method failed.
    case exception(AgentException)

    /// The largest reply the agent sends, 1 MiB; a longer one is replaced by ``tooLong``.
    public static let maximumLength = 1024 * 1024

    /// What the agent sends instead of a reply longer than ``maximumLength``.
    public static let tooLong = AgentResponse.exception(AgentException("Response exceeded maximum allowed length"))

    /// The exception for a method the agent does not implement; the director matches the text `unknown message`.
    public static func unknownMessage(_ method: AgentMethod) -> AgentResponse {
        .exception(AgentException("unknown message \(method.rawValue)"))
    }

    /// The exception for a method that failed, worded as bosh-agent words it: `Action Failed <method>: <error>`
    /// (`get_task` and `cancel_task` included: `Action Failed get_task: Task <id> result: <error>`).
    public static func actionFailed(_ method: AgentMethod, _ message: String) -> AgentResponse {
        .exception(AgentException("Action Failed \(method.rawValue): \(message)"))
    }
}

/// The `exception` of a reply.
public struct AgentException: Codable, Hashable, Sendable {
    /// What went wrong, as the agent words it.
    public var message: String
    /// A backtrace, when the agent sends one (the director logs it).
    public var backtrace: JSONValue?
    /// The id of a blob with more detail (such as a compile log), when the agent uploaded one.
    public var blobstoreID: String?

    /// Creates an exception.
    public init(_ message: String, backtrace: JSONValue? = nil, blobstoreID: String? = nil) {
        self.message = message
        self.backtrace = backtrace
        self.blobstoreID = blobstoreID
    }

    enum CodingKeys: String, CodingKey {
        case message, backtrace
        case blobstoreID = "blobstore_id"
    }
}

extension AgentResponse: Codable {
    enum CodingKeys: String, CodingKey {
        case value, exception
    }

    /// Decodes a reply. An exception that is not an object (the director tolerates those) becomes its text;
    /// a reply with neither member is the value `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.exception), try !container.decodeNil(forKey: .exception) {
            if let exception = try? container.decode(AgentException.self, forKey: .exception) {
                self = .exception(exception)
            } else {
                let raw = try container.decode(JSONValue.self, forKey: .exception)
                self = .exception(AgentException(raw.stringValue ?? String(describing: raw)))
            }
        } else {
            self = .value(try container.decodeIfPresent(JSONValue.self, forKey: .value) ?? .null)
        }
    }

    /// Encodes `{"value": …}` or `{"exception": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .value(let value): try container.encode(value, forKey: .value)
        case .exception(let exception): try container.encode(exception, forKey: .exception)
        }
    }
}
