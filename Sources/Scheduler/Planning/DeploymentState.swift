/// What the director knows about a deployment before this deploy: its instances and what they run.
///
/// The planner keeps existing instances (and their AZs, indexes and addresses) where the new manifest allows,
/// and compares each one with its desired state to decide what happens to it.
public struct DeploymentState: Sendable, Codable, Hashable {
    /// The deployment's instances.
    public var instances: [ExistingInstance]
    /// Addresses used by other deployments (or the director itself), per network: never handed out.
    public var usedElsewhere: [String: [IPv4Address]]?
    /// Links other deployments share with this one.
    public var sharedLinks: [SharedLink]?

    /// Creates a state.
    public init(instances: [ExistingInstance] = [], usedElsewhere: [String: [IPv4Address]]? = nil, sharedLinks: [SharedLink]? = nil) {
        self.instances = instances
        self.usedElsewhere = usedElsewhere
        self.sharedLinks = sharedLinks
    }

    /// No instances: a first deploy.
    public static let empty = DeploymentState()
}

/// One instance as it exists now.
public struct ExistingInstance: Sendable, Codable, Hashable {
    /// The instance group it belongs to.
    public var group: String
    /// Its index in the group.
    public var index: Int
    /// Its id (the director's UUID).
    public var id: String
    /// Its AZ (`nil` for groups without AZs).
    public var az: String?
    /// Its addresses by network name.
    public var addresses: [String: IPv4Address]?
    /// Whether it has a persistent disk (such instances keep their AZ over balance).
    public var hasPersistentDisk: Bool?
    /// Whether it is the group's bootstrap instance.
    public var bootstrap: Bool?
    /// Whether it is ignored (`bosh ignore`): kept where it is, never updated.
    public var ignored: Bool?
    /// What it runs now; `nil` fields count as unknown (not as changed).
    public var current: InstanceSpec?

    /// Creates an existing instance.
    public init(
        group: String, index: Int, id: String, az: String?, addresses: [String: IPv4Address]? = nil,
        hasPersistentDisk: Bool? = nil, bootstrap: Bool? = nil, ignored: Bool? = nil, current: InstanceSpec? = nil
    ) {
        self.group = group
        self.index = index
        self.id = id
        self.az = az
        self.addresses = addresses
        self.hasPersistentDisk = hasPersistentDisk
        self.bootstrap = bootstrap
        self.ignored = ignored
        self.current = current
    }

    /// `group/id`, as the director names instances.
    public var name: String { "\(group)/\(id)" }
}
