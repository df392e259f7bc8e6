/// The NATS subjects BOSH uses between the director, the agents and the health monitor.
public enum AgentSubjects {
    /// Where an agent receives requests: `agent.<agent_id>`.
    public static func agent(_ agentID: String) -> String { "agent.\(agentID)" }

    /// A director's reply inbox, `director.<director_uuid>`; replies go to subjects below it.
    public static func directorInbox(_ directorUUID: String) -> String { "director.\(directorUUID)" }

    /// The reply subject of one request: `director.<director_uuid>.<agent_id>.<request_id>`.
    public static func reply(directorUUID: String, agentID: String, requestID: String) -> String {
        "director.\(directorUUID).\(agentID).\(requestID)"
    }

    /// The request id of a reply subject: its last token.
    public static func requestID(ofReply subject: String) -> Substring? {
        guard let dot = subject.lastIndex(of: ".") else { return nil }
        return subject[subject.index(after: dot)...]
    }

    /// Heartbeats of one agent: `hm.agent.heartbeat.<agent_id>`.
    public static func heartbeat(_ agentID: String) -> String { "hm.agent.heartbeat.\(agentID)" }
    /// Alerts of one agent: `hm.agent.alert.<agent_id>`.
    public static func alert(_ agentID: String) -> String { "hm.agent.alert.\(agentID)" }
    /// The shutdown notice of one agent: `hm.agent.shutdown.<agent_id>`.
    public static func shutdown(_ agentID: String) -> String { "hm.agent.shutdown.\(agentID)" }

    /// Every agent's heartbeats, as the health monitor subscribes.
    public static let allHeartbeats = "hm.agent.heartbeat.*"
    /// Every agent's alerts.
    public static let allAlerts = "hm.agent.alert.*"
    /// Every agent's shutdown notices.
    public static let allShutdowns = "hm.agent.shutdown.*"
    /// Alerts the director sends to the health monitor.
    public static let directorAlert = "hm.director.alert"
}
