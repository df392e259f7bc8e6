import BoshJSON

/// The value of a long-running method's first reply, and of `get_task` while it runs:
/// `{"agent_task_id": "…", "state": "running"}`.
public struct AgentTaskHandle: Codable, Hashable, Sendable {
    /// The task's id, the argument of `get_task` and `cancel_task`.
    public var id: String
    /// The task's state; a reply only carries a handle while the task runs.
    public var state: AgentTaskState

    /// Creates a handle.
    public init(id: String, state: AgentTaskState = .running) {
        self.id = id
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case id = "agent_task_id"
        case state
    }

    /// The handle in a reply value, when the value is one (an object with `agent_task_id` and `state`, as the
    /// director's AgentMessageConverter decides).
    public init?(value: JSONValue) {
        guard case .object(let members) = value, let id = members["agent_task_id"]?.stringValue,
            let state = members["state"]?.stringValue
        else { return nil }
        self.init(id: id, state: AgentTaskState(rawValue: state))
    }

    /// The handle as a reply value.
    public var json: JSONValue { ["agent_task_id": .string(id), "state": .string(state.rawValue)] }
}

/// The state of an agent task: `running`, `done` or `failed`.
public struct AgentTaskState: RawRepresentable, Hashable, Sendable, Codable {
    /// The state as sent on the wire.
    public let rawValue: String

    /// Creates a state.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The task is still working.
    public static let running = AgentTaskState(rawValue: "running")
    /// The task finished.
    public static let done = AgentTaskState(rawValue: "done")
    /// The task failed.
    public static let failed = AgentTaskState(rawValue: "failed")
}
