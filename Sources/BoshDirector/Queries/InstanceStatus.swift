import AgentProtocol

/// One row of `boshkit instances`: an instance, what its agent reports and where it is.
public struct InstanceStatus: Sendable, Hashable, Codable {
    /// `group/id`.
    public var instance: String
    /// The agent's `job_state` (`running`, `failing`, `stopped`), or `unresponsive agent`.
    public var processState: String
    /// The AZ.
    public var az: String
    /// Its addresses, comma separated.
    public var ips: String
    /// The VM's cloud id.
    public var vmCID: String
    /// The instance index.
    public var index: Int
    /// The job processes the agent supervises, with their state (empty when it does not answer).
    public var processes: [AgentProcess] = []
    /// The instance's recorded state (`started`, `stopped`, `detached`).
    public var state = ""
    /// The agent's id, when the instance has a VM.
    public var agentID: String?
    /// Whether it is its group's bootstrap instance.
    public var bootstrap = false
    /// Whether `bosh ignore` set it aside.
    public var isIgnored = false
    /// Its persistent disks' cloud ids.
    public var diskCIDs: [String] = []
    /// The VM type it was deployed with.
    public var vmType: String?
}

/// One row of `boshkit deployments`.
public struct DeploymentSummary: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// `name/version` of its releases.
    public var releases: [String]
    /// `name/version` of its stemcells.
    public var stemcells: [String]
}
