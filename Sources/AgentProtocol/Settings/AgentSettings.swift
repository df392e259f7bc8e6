import BoshJSON
import Foundation

/// An agent's settings (`settings.json`, as the CPI writes it into the VM's environment at `create_vm`).
///
/// Members not modelled are kept in ``otherMembers``; `env` is kept whole, with typed access to `env.bosh`
/// through ``bosh``. The effective NATS URLs, certificate and blobstore follow bosh-agent's precedence:
/// `update_settings` values, then `env.bosh`, then the top level.
public struct AgentSettings: Codable, Hashable, Sendable {
    /// The agent id: requests arrive on `agent.<agent_id>`.
    public var agentID: String
    /// The blobstore (superseded by `env.bosh.blobstores`).
    public var blobstore: BlobstoreSettings?
    /// Where the disks are.
    public var disks: Disks?
    /// The VM's environment; `bosh` holds the agent's own options.
    public var env: [String: JSONValue]?
    /// Networks by name, each as the director sent it.
    public var networks: [String: [String: JSONValue]]?
    /// NTP servers.
    public var ntp: [String]?
    /// The NATS URL (superseded by `env.bosh.mbus.urls`).
    public var mbus: String?
    /// The VM.
    public var vm: VMInfo?
    /// Members not modelled, kept as they came.
    public var otherMembers: [String: JSONValue]

    /// Creates settings.
    public init(
        agentID: String, blobstore: BlobstoreSettings? = nil, disks: Disks? = nil, env: [String: JSONValue]? = nil,
        networks: [String: [String: JSONValue]]? = nil, ntp: [String]? = nil, mbus: String? = nil, vm: VMInfo? = nil,
        otherMembers: [String: JSONValue] = [:]
    ) {
        self.agentID = agentID
        self.blobstore = blobstore
        self.disks = disks
        self.env = env
        self.networks = networks
        self.ntp = ntp
        self.mbus = mbus
        self.vm = vm
        self.otherMembers = otherMembers
    }

    /// The `disks` member.
    public struct Disks: Codable, Hashable, Sendable {
        /// The system disk's device.
        public var system: String?
        /// The ephemeral disk: a device path, a hint object, or absent.
        public var ephemeral: JSONValue?
        /// Persistent disks: cloud id → hint (a device path or an object with `path`, `volume_id`, `lun` …).
        public var persistent: [String: JSONValue]?
        /// Raw ephemeral disks.
        public var rawEphemeral: [JSONValue]?

        /// Creates disk settings.
        public init(
            system: String? = nil, ephemeral: JSONValue? = nil, persistent: [String: JSONValue]? = nil,
            rawEphemeral: [JSONValue]? = nil
        ) {
            self.system = system
            self.ephemeral = ephemeral
            self.persistent = persistent
            self.rawEphemeral = rawEphemeral
        }

        /// The hint of one persistent disk.
        public func persistentHint(_ diskCID: String) -> DiskHint? {
            guard let json = persistent?[diskCID] else { return nil }
            return DiskHint(stringOrObject: json)
        }

        enum CodingKeys: String, CodingKey {
            case system, ephemeral, persistent
            case rawEphemeral = "raw_ephemeral"
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case agentID = "agent_id"
        case blobstore, disks, env, networks, ntp, mbus, vm
    }

    /// Decodes settings, keeping unmodelled members.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentID = try c.decode(String.self, forKey: .agentID)
        blobstore = try c.decodeIfPresent(BlobstoreSettings.self, forKey: .blobstore)
        disks = try c.decodeIfPresent(Disks.self, forKey: .disks)
        env = try c.decodeIfPresent([String: JSONValue].self, forKey: .env)
        networks = try c.decodeIfPresent([String: [String: JSONValue]].self, forKey: .networks)
        ntp = try c.decodeIfPresent([String].self, forKey: .ntp)
        mbus = try c.decodeIfPresent(String.self, forKey: .mbus)
        vm = try c.decodeIfPresent(VMInfo.self, forKey: .vm)
        otherMembers = try decoder.otherMembers(besides: CodingKeys.self)
    }

    /// Encodes settings with their unmodelled members.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeOtherMembers(otherMembers)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agentID, forKey: .agentID)
        try c.encodeIfPresent(blobstore, forKey: .blobstore)
        try c.encodeIfPresent(disks, forKey: .disks)
        try c.encodeIfPresent(env, forKey: .env)
        try c.encodeIfPresent(networks, forKey: .networks)
        try c.encodeIfPresent(ntp, forKey: .ntp)
        try c.encodeIfPresent(mbus, forKey: .mbus)
        try c.encodeIfPresent(vm, forKey: .vm)
    }
}

extension AgentSettings {
    /// `env.bosh`, typed; `nil` when absent or not shaped as expected.
    public var bosh: BoshEnvironment? {
        guard let json = env?["bosh"] else { return nil }
        return try? AgentJSON.decode(BoshEnvironment.self, from: json)
    }

    /// The NATS URLs to use: `update` first, then `env.bosh.mbus.urls`, then the top-level `mbus`.
    public func mbusURLs(update: UpdateSettings? = nil) -> [String] {
        if let urls = update?.mbus?.urls, !urls.isEmpty { return urls }
        if let urls = bosh?.mbus?.urls, !urls.isEmpty { return urls }
        return mbus.map { [$0] } ?? []
    }

    /// The NATS client certificate: `update` first, then `env.bosh.mbus.cert`.
    public func mbusCertificate(update: UpdateSettings? = nil) -> MbusCertificate? {
        update?.mbus?.cert ?? bosh?.mbus?.cert
    }

    /// The blobstore to use: `update` first, then `env.bosh.blobstores[0]`, then the top-level `blobstore`.
    public func effectiveBlobstore(update: UpdateSettings? = nil) -> BlobstoreSettings? {
        update?.blobstores?.first ?? bosh?.blobstores?.first ?? blobstore
    }

    /// Reads `settings.json`.
    /// - Throws: ``AgentError`` with code ``AgentError/Code/invalidSettings`` naming the file and what is wrong.
    public static func read(contentsOf url: URL) throws -> AgentSettings {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AgentError(.invalidSettings, detail: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes settings JSON; `source` names it in errors.
    public static func decode(_ data: Data, source: String = "settings") throws -> AgentSettings {
        do {
            return try AgentJSON.decode(AgentSettings.self, from: data)
        } catch {
            throw AgentError(.invalidSettings, detail: "\(source): \(AgentJSON.describe(error))")
        }
    }
}

/// `env.bosh`: the agent's own options in the VM environment.
public struct BoshEnvironment: Codable, Hashable, Sendable {
    /// The crypted password for vcap and root.
    public var password: String?
    /// Whether to keep root's password.
    public var keepRootPassword: Bool?
    /// Whether to remove compilers.
    public var removeDevTools: Bool?
    /// SSH keys for vcap.
    public var authorizedKeys: [String]?
    /// Swap size in MiB.
    public var swapSize: Int?
    /// NATS certificate and URLs.
    public var mbus: MbusSettings?
    /// Blobstores (the first is used).
    public var blobstores: [BlobstoreSettings]?
    /// NTP servers.
    public var ntp: [String]?
    /// Parallelism for package downloads.
    public var parallel: Int?

    /// Creates the options.
    public init(
        password: String? = nil, keepRootPassword: Bool? = nil, removeDevTools: Bool? = nil,
        authorizedKeys: [String]? = nil, swapSize: Int? = nil, mbus: MbusSettings? = nil,
        blobstores: [BlobstoreSettings]? = nil, ntp: [String]? = nil, parallel: Int? = nil
    ) {
        self.password = password
        self.keepRootPassword = keepRootPassword
        self.removeDevTools = removeDevTools
        self.authorizedKeys = authorizedKeys
        self.swapSize = swapSize
        self.mbus = mbus
        self.blobstores = blobstores
        self.ntp = ntp
        self.parallel = parallel
    }

    enum CodingKeys: String, CodingKey {
        case password
        case keepRootPassword = "keep_root_password"
        case removeDevTools = "remove_dev_tools"
        case authorizedKeys = "authorized_keys"
        case swapSize = "swap_size"
        case mbus, blobstores, ntp, parallel
    }
}
