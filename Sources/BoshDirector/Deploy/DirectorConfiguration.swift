import Logging

/// How a ``LocalDirector`` runs: where its state lives, how it calls its CPI and boots agents, and its timeouts.
public struct DirectorConfiguration: Sendable {
    /// The state directory (``DirectorLayout``).
    public var stateDirectory: String
    /// The CPI executable and its leading arguments; the director adds nothing but stdin.
    /// For the local CPI: `[boshkit, "local-cpi", "--state-dir", <state>/cpi, "--agent-command", …]`
    /// (see ``localCPICommand(boshkit:layout:heartbeatInterval:)``).
    public var cpiCommand: [String]
    /// A running NATS server to use instead of starting the local one (no mutual TLS then).
    public var natsURL: String?
    /// How long to wait for a new VM's agent to answer `ping`.
    public var agentReadyTimeout: Duration
    /// How long a deployment lock lives without renewal (renewed every quarter of it while held); a holder
    /// killed on this machine is recognised at once, one on another machine once this has passed.
    public var lockExpiration: Duration
    /// How long the next deploy or delete waits for the agent of a VM whose creation a crash interrupted,
    /// to learn its cid and delete it.
    public var orphanAgentTimeout: Duration
    /// How long a cloud-check scan waits for each agent's answer before calling it unresponsive (10 s as the
    /// director's `get_state`).
    public var cloudCheckAgentTimeout: Duration = .seconds(10)
    /// Where the director logs (debug and above go to the handler's level).
    public var logger: Logger

    /// Creates a configuration.
    public init(
        stateDirectory: String, cpiCommand: [String], natsURL: String? = nil, agentReadyTimeout: Duration = .seconds(60),
        lockExpiration: Duration = .seconds(240), orphanAgentTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "boshkit.director")
    ) {
        self.lockExpiration = lockExpiration
        self.orphanAgentTimeout = orphanAgentTimeout
        self.stateDirectory = stateDirectory
        self.cpiCommand = cpiCommand
        self.natsURL = natsURL
        self.agentReadyTimeout = agentReadyTimeout
        self.logger = logger
    }

    /// The command line of the local CPI run from the `boshkit` executable at `boshkit`: VMs under
    /// `<state>/cpi`, each booting `boshkit agent` with its settings file.
    public static func localCPICommand(boshkit: String, layout: DirectorLayout, heartbeatInterval: Int = 2) -> [String] {
        let agent = "exec \(shellQuoted(boshkit)) agent --settings \"$BOSHKIT_AGENT_SETTINGS\" --heartbeat-interval \(heartbeatInterval)"
        return [boshkit, "local-cpi", "--state-dir", layout.cpiDirectory, "--agent-command", agent]
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
