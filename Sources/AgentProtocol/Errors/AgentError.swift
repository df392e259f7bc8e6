/// An error from either end of the agent protocol: the agent answered with an exception, did not answer in time,
/// sent something that is not a reply, or a message could not be decoded.
///
/// Match on ``code``; the set of codes can grow without breaking clients. Equality and hashing look at the code
/// only. ``method`` and ``agentID`` say which call failed, ``message`` carries the agent's own exception text.
public struct AgentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case agentException, unknownMessage, taskFailed, timeout, invalidReply, invalidRequest, invalidArguments
            case tooManyPendingRequests, transport, invalidSettings, taskNotFound
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The agent answered with `{"exception": …}`; ``AgentError/message`` is its text.
        public static let agentException = Code(.agentException)
        /// The agent does not implement the method (`unknown message <method>`).
        public static let unknownMessage = Code(.unknownMessage)
        /// A long-running task ended in failure (`get_task` answered with an exception).
        public static let taskFailed = Code(.taskFailed)
        /// No reply arrived within the method's timeout.
        public static let timeout = Code(.timeout)
        /// A reply is not JSON, or its value does not have the method's result shape.
        public static let invalidReply = Code(.invalidReply)
        /// A request is not JSON or lacks `method` / `reply_to` (agent side).
        public static let invalidRequest = Code(.invalidRequest)
        /// A request's arguments do not have the method's shape (agent side).
        public static let invalidArguments = Code(.invalidArguments)
        /// The client already waits for as many replies as it allows.
        public static let tooManyPendingRequests = Code(.tooManyPendingRequests)
        /// NATS failed to carry the message (not connected, payload too large …).
        public static let transport = Code(.transport)
        /// `settings.json` is missing or malformed.
        public static let invalidSettings = Code(.invalidSettings)
        /// `get_task` or `cancel_task` named a task the agent does not have.
        public static let taskNotFound = Code(.taskNotFound)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// The method being called, when the error concerns one.
    public let method: AgentMethod?
    /// The agent concerned, when known.
    public let agentID: String?
    /// The agent's exception message, or a description of the failure.
    public let message: String

    /// Creates an error.
    public init(code: Code, method: AgentMethod? = nil, agentID: String? = nil, message: String) {
        self.code = code
        self.method = method
        self.agentID = agentID
        self.message = message
    }

    init(_ code: Code, method: AgentMethod? = nil, agentID: String? = nil, detail: String) {
        self.init(code: code, method: method, agentID: agentID, message: detail)
    }

    /// The error an agent turns into `unknown message <method>`.
    public static func unknownMessage(_ method: AgentMethod) -> AgentError {
        AgentError(code: .unknownMessage, method: method, message: "unknown message \(method.rawValue)")
    }

    /// Compares codes only.
    public static func == (lhs: AgentError, rhs: AgentError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `AgentError.<code>: <message> (method '<method>', agent '<agent_id>')`.
    public var description: String {
        var text = "AgentError.\(code): \(message)"
        var context: [String] = []
        if let method { context.append("method '\(method)'") }
        if let agentID { context.append("agent '\(agentID)'") }
        if !context.isEmpty { text += " (\(context.joined(separator: ", ")))" }
        return text
    }
}
