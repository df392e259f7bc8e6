/// How the local CPI keeps its state and boots agents.
public struct LocalCPIConfiguration: Sendable, Hashable {
    /// The state root: `stemcells/`, `vms/`, `disks/` and `snapshots/` live under it.
    public var stateDirectory: String
    /// A shell command started (with `/bin/sh -c`) as a VM's agent by `create_vm` and stopped by `delete_vm`;
    /// `nil` creates VMs without a process. It runs in the VM's directory, in its own session, with stdout and
    /// stderr appended to `agent.log` there, and with `BOSHKIT_AGENT_SETTINGS` (the settings file),
    /// `BOSHKIT_VM_DIR`, `BOSHKIT_VM_CID` and `BOSHKIT_AGENT_ID` in its environment.
    public var agentCommand: String?
    /// The `mbus` URL written into agent settings. When `nil`, `agent.mbus` from the request context (a
    /// cpi-config property) is used, else `nats://127.0.0.1:4222`.
    public var mbusURL: String?
    /// The stemcell formats `info` reports.
    public var stemcellFormats: [String]

    /// Creates a configuration.
    /// - Parameters:
    ///   - stateDirectory: The state root.
    ///   - agentCommand: The shell command that runs a VM's agent, if any.
    ///   - mbusURL: The message bus URL for agent settings.
    ///   - stemcellFormats: The stemcell formats `info` reports.
    public init(
        stateDirectory: String, agentCommand: String? = nil, mbusURL: String? = nil,
        stemcellFormats: [String] = ["local", "dummy"]
    ) {
        self.stateDirectory = stateDirectory
        self.agentCommand = agentCommand
        self.mbusURL = mbusURL
        self.stemcellFormats = stemcellFormats
    }
}
