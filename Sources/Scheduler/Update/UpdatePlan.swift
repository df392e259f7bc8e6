import ManifestModel

/// The order in which a deploy touches instances, as the director's update stage runs it.
///
/// ``stages`` run one after another; the instance groups of a stage run in parallel (a run of consecutive
/// `serial: false` groups), a serial group is a stage of its own. Inside a group, obsolete instances are
/// deleted first, then each AZ in turn: canaries (first AZ only), then the rest with at most
/// ``GroupUpdate/AZUpdate/maxInFlight`` at once.
public struct UpdatePlan: Sendable, Codable, Hashable {
    /// Instances of instance groups removed from the manifest, deleted before anything else.
    public var preCleanup: [UpdateTarget]
    /// Stages in order; the groups of one stage update in parallel.
    public var stages: [[GroupUpdate]]

    /// Every group update, in order.
    public var groups: [GroupUpdate] { stages.flatMap { $0 } }
}

/// One instance the update touches.
public struct UpdateTarget: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Its group.
    public var group: String
    /// Its index.
    public var index: Int
    /// Its id, if it exists already.
    public var id: String?
    /// Its AZ.
    public var az: String?
    /// Whether it is the bootstrap instance.
    public var bootstrap: Bool
    /// What happens to it.
    public var change: InstanceChange

    /// `web/0`.
    public var description: String { "\(group)/\(index)" }
}

/// How one instance group updates.
public struct GroupUpdate: Sendable, Codable, Hashable {
    /// The instances of one AZ (or of no AZ), updated together.
    public struct AZUpdate: Sendable, Codable, Hashable {
        /// The AZ (`nil` for instances without one).
        public var az: String?
        /// Canaries, updated first (all at once up to ``maxInFlight``); only the group's first AZ has any.
        public var canaries: [UpdateTarget]
        /// The other instances, at most ``maxInFlight`` at once.
        public var instances: [UpdateTarget]
        /// `max_in_flight` resolved against this AZ's number of changed instances.
        public var maxInFlight: Int

        /// ``instances`` cut into batches of ``maxInFlight`` (how an operator reads the order; the
        /// executor starts the next instance as soon as one finishes).
        public var batches: [[UpdateTarget]] {
            stride(from: 0, to: instances.count, by: maxInFlight).map {
                Array(instances[$0..<min($0 + maxInFlight, instances.count)])
            }
        }
    }

    /// The group's name.
    public var name: String
    /// Whether this group updates alone (`serial: true`).
    public var serial: Bool
    /// Obsolete instances, deleted first with at most ``deleteMaxInFlight`` at once.
    public var deletions: [UpdateTarget]
    /// `max_in_flight` resolved against the number of deletions.
    public var deleteMaxInFlight: Int
    /// AZs in update order.
    public var azs: [AZUpdate]
    /// The `canaries` setting.
    public var canaries: Int
    /// The `max_in_flight` setting.
    public var maxInFlight: MaxInFlight
    /// How long to watch a canary.
    public var canaryWatchTime: WatchTime
    /// How long to watch other instances.
    public var updateWatchTime: WatchTime
    /// `delete-create` or `create-swap-delete` (the latter only when no network uses static IPs).
    public var vmStrategy: String

    /// Every instance the group touches, in order (deletions, canaries, the rest).
    public var targets: [UpdateTarget] { deletions + azs.flatMap { $0.canaries + $0.instances } }
}
