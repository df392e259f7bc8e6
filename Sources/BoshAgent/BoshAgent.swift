/// A small BOSH agent for local "VMs": lays out jobs and packages under a VM directory, compiles packages,
/// supervises job processes and reports their state in heartbeats, on ``AgentProtocol``.
///
/// Start one with ``AgentRuntime/start(_:logger:)``; the handler itself is ``LocalAgent``.
public enum BoshAgent {
    /// The demo's heartbeat interval (bosh-agent sends one every 30 s).
    public static let defaultHeartbeatInterval: Duration = .seconds(2)
}
