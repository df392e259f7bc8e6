/// Everything a deploy will do: where each instance goes, its addresses and change, the links its jobs
/// receive, what to compile and the order of updates.
public struct DeploymentPlan: Sendable, Codable, Hashable {
    /// The deployment's name.
    public var deployment: String
    /// One entry per instance group, in manifest order.
    public var instanceGroups: [InstanceGroupPlan]
    /// Resolved links, when a ``LinkCatalog`` was given.
    public var links: [ResolvedLink]
    /// What to compile, when a ``PackageCatalog`` was given.
    public var compilation: CompilationPlan?
    /// The order of updates.
    public var update: UpdatePlan
}

/// The plan for one instance group.
public struct InstanceGroupPlan: Sendable, Codable, Hashable {
    /// The group's name.
    public var name: String
    /// `service` or `errand`.
    public var lifecycle: String
    /// The group's AZs, in manifest order.
    public var azs: [String]
    /// The desired instances, by index.
    public var instances: [PlannedInstance]
    /// Existing instances that are no longer desired (deleted first when the group updates).
    public var obsolete: [PlannedInstance]
}

/// One instance of the plan.
public struct PlannedInstance: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Its group.
    public var group: String
    /// Its index in the group.
    public var index: Int
    /// Its id, if it exists already.
    public var id: String?
    /// Its AZ.
    public var az: String?
    /// Whether it is the group's bootstrap instance.
    public var bootstrap: Bool
    /// Its address on each of the group's networks, in manifest order.
    public var addresses: [PlannedAddress]
    /// What happens to it.
    public var change: InstanceChange
    /// Whether it is ignored (`bosh ignore`): never updated.
    public var ignored: Bool
    /// Its desired spec (what change detection compared).
    public var spec: InstanceSpec

    /// `group/index` (and the id when known), as operators read it.
    public var description: String { id.map { "\(group)/\(index) (\($0))" } ?? "\(group)/\(index)" }
}

/// An address of a planned instance.
public struct PlannedAddress: Sendable, Codable, Hashable, CustomStringConvertible {
    /// How the address was obtained.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// From the group's `static_ips` (or kept from them).
        case `static`
        /// Chosen by the director from the subnet (first free address).
        case dynamic
        /// Assigned by the IaaS at boot (dynamic networks).
        case iaas
    }
    /// The network's name.
    public var network: String
    /// The address (`nil` when the IaaS assigns it).
    public var ip: IPv4Address?
    /// How it was obtained.
    public var kind: Kind
    /// Whether this network is the instance's default for `dns` and `gateway`.
    public var isDefault: Bool

    /// `default=10.0.0.21`.
    public var description: String { "\(network)=\(ip.map(\.description) ?? "dynamic")" }
}

/// Operator requests and knobs for a plan.
public struct PlanOptions: Sendable, Hashable {
    /// `bosh deploy --recreate`.
    public var recreate = false
    /// Restart every instance (`bosh restart`).
    public var restart = false
    /// Seed for tie-breaking when the manifest sets `features.randomize_az_placement`.
    public var randomSeed: UInt64 = 0
    /// Creates default options.
    public init(recreate: Bool = false, restart: Bool = false, randomSeed: UInt64 = 0) {
        self.recreate = recreate
        self.restart = restart
        self.randomSeed = randomSeed
    }
}
