import Scheduler

/// What the director remembers of a deployment: the manifest it last deployed and every instance it runs.
///
/// Each instance is one row of the store, committed as it changes, so a deploy that dies half-way leaves a record the next
/// deploy recovers from (see ``InstanceRecord/isPending``).
public struct DeploymentRecord: Codable, Sendable, Hashable {
    /// The deployment's name.
    public var name: String
    /// The last successfully deployed manifest (interpolated), `nil` before the first success.
    public var manifest: String?
    /// The cloud config of that deploy.
    public var cloudConfig: String?
    /// The ids of the configs (cloud, runtime) it was deployed with.
    public var configIDs: [Int]
    /// `name/version` of each release the deployment uses.
    public var releases: [String]
    /// `name/version` of each stemcell the deployment uses.
    public var stemcells: [String]
    /// The instances, by group and index.
    public var instances: [InstanceRecord]

    /// An empty record for a first deploy.
    public init(name: String) {
        self.name = name
        manifest = nil
        cloudConfig = nil
        configIDs = []
        releases = []
        stemcells = []
        instances = []
    }

    /// The instance with `id`.
    public func instance(id: String) -> InstanceRecord? { instances.first { $0.id == id } }

    /// The instance whose agent is `agentID`.
    public func instance(agentID: String) -> InstanceRecord? { instances.first { $0.agentID == agentID } }

    /// Replaces (or adds) the instance with the same id, keeping group/index order.
    public mutating func upsert(_ instance: InstanceRecord) {
        if let at = instances.firstIndex(where: { $0.id == instance.id }) {
            instances[at] = instance
        } else {
            instances.append(instance)
        }
        instances.sort { ($0.group, $0.index) < ($1.group, $1.index) }
    }

    /// Removes the instance with `id`.
    public mutating func remove(id: String) { instances.removeAll { $0.id == id } }

    enum CodingKeys: String, CodingKey {
        case name, manifest, cloudConfig, configIDs, releases, stemcells, instances
    }

    /// Decodes a record; `configIDs` may be missing (state written before the database store).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        manifest = try c.decodeIfPresent(String.self, forKey: .manifest)
        cloudConfig = try c.decodeIfPresent(String.self, forKey: .cloudConfig)
        configIDs = try c.decodeIfPresent([Int].self, forKey: .configIDs) ?? []
        releases = try c.decode([String].self, forKey: .releases)
        stemcells = try c.decode([String].self, forKey: .stemcells)
        instances = try c.decode([InstanceRecord].self, forKey: .instances)
    }
}

/// One instance of a deployment and its VM.
public struct InstanceRecord: Codable, Sendable, Hashable {
    /// The instance group.
    public var group: String
    /// The index in the group.
    public var index: Int
    /// The instance id (a UUID).
    public var id: String
    /// The AZ.
    public var az: String?
    /// Whether it is the group's bootstrap instance.
    public var bootstrap: Bool
    /// Addresses by network name.
    public var addresses: [String: String]
    /// The VM's cloud id, `nil` when it has no VM.
    public var vmCID: String?
    /// The agent id of the VM.
    public var agentID: String?
    /// What it runs, as the planner compares it; `nil` until it ran successfully once.
    public var spec: InstanceSpec?
    /// The configuration hash of the applied templates.
    public var configurationHash: String?
    /// Set while the director changes the instance; still set after a crash, so the next deploy redoes it.
    public var isPending: Bool
    /// The desired state: `started`, `stopped` or `detached`.
    public var state: String
    /// The cloud ids of its persistent disks.
    public var diskCIDs: [String]
    /// Set by `bosh ignore`: deploys, the health monitor and cloud-check leave the instance alone. Saving an
    /// instance never changes it; ``DirectorStore/setIgnored(_:deployment:instance:)`` does.
    public var isIgnored: Bool

    /// Creates a record.
    public init(
        group: String, index: Int, id: String, az: String?, bootstrap: Bool, addresses: [String: String],
        vmCID: String? = nil, agentID: String? = nil, spec: InstanceSpec? = nil, configurationHash: String? = nil,
        isPending: Bool = true, state: String = "started", diskCIDs: [String] = [], isIgnored: Bool = false
    ) {
        self.group = group
        self.index = index
        self.id = id
        self.az = az
        self.bootstrap = bootstrap
        self.addresses = addresses
        self.vmCID = vmCID
        self.agentID = agentID
        self.spec = spec
        self.configurationHash = configurationHash
        self.isPending = isPending
        self.state = state
        self.diskCIDs = diskCIDs
        self.isIgnored = isIgnored
    }

    enum CodingKeys: String, CodingKey {
        case group, index, id, az, bootstrap, addresses, vmCID, agentID, spec, configurationHash, isPending, state, diskCIDs, isIgnored
    }

    /// Decodes a record; `state` and `diskCIDs` may be missing (state written before the database store).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        group = try c.decode(String.self, forKey: .group)
        index = try c.decode(Int.self, forKey: .index)
        id = try c.decode(String.self, forKey: .id)
        az = try c.decodeIfPresent(String.self, forKey: .az)
        bootstrap = try c.decode(Bool.self, forKey: .bootstrap)
        addresses = try c.decode([String: String].self, forKey: .addresses)
        vmCID = try c.decodeIfPresent(String.self, forKey: .vmCID)
        agentID = try c.decodeIfPresent(String.self, forKey: .agentID)
        spec = try c.decodeIfPresent(InstanceSpec.self, forKey: .spec)
        configurationHash = try c.decodeIfPresent(String.self, forKey: .configurationHash)
        isPending = try c.decode(Bool.self, forKey: .isPending)
        state = try c.decodeIfPresent(String.self, forKey: .state) ?? "started"
        diskCIDs = try c.decodeIfPresent([String].self, forKey: .diskCIDs) ?? []
        isIgnored = try c.decodeIfPresent(Bool.self, forKey: .isIgnored) ?? false
    }

    /// `group/id`, as the director names instances.
    public var name: String { "\(group)/\(id)" }
    /// `group/id (index)`, as task output names instances.
    public var displayName: String { "\(group)/\(id) (\(index))" }
}
