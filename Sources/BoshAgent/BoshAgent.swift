/// A small BOSH agent for local "VMs": lays out jobs and packages under a VM directory, compiles packages,
/// supervises job processes and reports their state in heartbeats, on ``AgentProtocol``.
public enum BoshAgent {}
