/// How the health monitor judges agents and when it resurrects them.
public struct HealthMonitorConfiguration: Sendable {
    /// No heartbeat for this long: the agent is unresponsive (the director's HM uses 60 s with agents beating
    /// every 30 s; the local demo's agents beat every 2 s, so 10 s is its default).
    public var agentTimeout: Duration
    /// How often agents are checked.
    public var checkInterval: Duration
    /// Whether unresponsive agents' VMs are recreated (the resurrector plugin), or only alerted on.
    public var resurrect: Bool

    /// Creates a configuration.
    public init(agentTimeout: Duration = .seconds(10), checkInterval: Duration = .seconds(1), resurrect: Bool = true) {
        self.agentTimeout = agentTimeout
        self.checkInterval = checkInterval
        self.resurrect = resurrect
    }
}
