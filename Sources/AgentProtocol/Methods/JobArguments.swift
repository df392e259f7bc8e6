import BoshJSON

/// The value of `info`.
public struct AgentInfo: Codable, Hashable, Sendable {
    /// The agent API version: 1 for current agents; the director treats `unknown message` as 0.
    public var apiVersion: Int

    /// Creates info.
    public init(apiVersion: Int = 1) { self.apiVersion = apiVersion }

    enum CodingKeys: String, CodingKey {
        case apiVersion = "api_version"
    }
}

/// The first argument of `drain`.
public enum DrainType: String, Codable, Hashable, Sendable {
    /// Before an update: `["update", new_spec]`.
    case update
    /// Before the VM goes away: `["shutdown"]` or `["shutdown", new_spec]`; the agent announces it on
    /// `hm.agent.shutdown.<agent_id>` first.
    case shutdown
    /// Legacy dynamic-drain polling; current agents reject it.
    case status
}

/// The value of `run_errand`.
public struct ErrandResult: Codable, Hashable, Sendable {
    /// What the errand wrote to stdout.
    public var stdout: String
    /// What it wrote to stderr.
    public var stderr: String
    /// Its exit status.
    public var exitCode: Int

    /// Creates a result.
    public init(stdout: String, stderr: String, exitCode: Int) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    enum CodingKeys: String, CodingKey {
        case stdout, stderr
        case exitCode = "exit_code"
    }
}

/// The second argument of `run_script`: `{"env": {…}}`.
public struct ScriptOptions: Codable, Hashable, Sendable {
    /// Environment variables for the script.
    public var env: [String: String]

    /// Creates options.
    public init(env: [String: String] = [:]) { self.env = env }
}

/// The second argument of `ssh`.
public struct SSHParameters: Codable, Hashable, Sendable {
    /// The user to create or remove.
    public var user: String?
    /// The public key to authorise (setup).
    public var publicKey: String?
    /// Which users to remove (cleanup).
    public var userRegex: String?

    /// Creates parameters.
    public init(user: String? = nil, publicKey: String? = nil, userRegex: String? = nil) {
        self.user = user
        self.publicKey = publicKey
        self.userRegex = userRegex
    }

    enum CodingKeys: String, CodingKey {
        case user
        case publicKey = "public_key"
        case userRegex = "user_regex"
    }
}

/// The first argument of `ssh`.
public enum SSHCommand: String, Codable, Hashable, Sendable {
    /// Create a user with a key.
    case setup
    /// Remove users.
    case cleanup
}

/// The value of `ssh`.
public struct SSHResult: Codable, Hashable, Sendable {
    /// The command that ran.
    public var command: String
    /// `success` or a failure word.
    public var status: String
    /// The instance's IP, for setup.
    public var ip: String?
    /// The host key, for setup.
    public var hostPublicKey: String?

    /// Creates a result.
    public init(command: String, status: String, ip: String? = nil, hostPublicKey: String? = nil) {
        self.command = command
        self.status = status
        self.ip = ip
        self.hostPublicKey = hostPublicKey
    }

    enum CodingKeys: String, CodingKey {
        case command, status, ip
        case hostPublicKey = "host_public_key"
    }
}

/// The argument of `delete_arp_entries`: `{"ips": […]}`.
public struct ARPEntries: Codable, Hashable, Sendable {
    /// The addresses to forget.
    public var ips: [String]

    /// Creates the argument.
    public init(ips: [String]) { self.ips = ips }
}
