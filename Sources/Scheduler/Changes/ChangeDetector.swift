/// What a deploy does to one instance.
public struct InstanceChange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The action, from least to most disruptive.
    public enum Action: String, Sendable, Hashable, Codable, Comparable {
        /// Nothing changes; the instance is skipped.
        case none
        /// Stop and start the jobs (`bosh restart`).
        case restart
        /// Update in place: stop (drain), apply the new spec, start.
        case update
        /// Delete the VM and create a new one (disks are kept).
        case recreate
        /// A new instance.
        case create
        /// An instance that is no longer desired.
        case delete

        private var rank: Int {
            switch self {
            case .none: 0
            case .restart: 1
            case .update: 2
            case .recreate: 3
            case .create: 4
            case .delete: 5
            }
        }
        public static func < (lhs: Action, rhs: Action) -> Bool { lhs.rank < rhs.rank }
    }

    /// Why, in the director's change vocabulary (`stemcell`, `cloud_properties`, `network`, `configuration` …).
    public enum Reason: String, Sendable, Hashable, Codable {
        case new, obsolete
        case recreate, restart
        case stemcell
        case cloudProperties = "cloud_properties"
        case env, network
        case persistentDisk = "persistent_disk"
        case job, packages, configuration, links
    }

    /// What happens.
    public var action: Action
    /// Why, in the order the director checks.
    public var reasons: [Reason]

    /// Creates a change.
    public init(action: Action, reasons: [Reason] = []) {
        self.action = action
        self.reasons = reasons
    }

    /// `recreate (stemcell, network)`.
    public var description: String {
        reasons.isEmpty ? action.rawValue : "\(action.rawValue) (\(reasons.map(\.rawValue).joined(separator: ", ")))"
    }
}

/// Decides what happens to an instance by comparing its current spec with the desired one, with the
/// director's rules (`deployment_plan/instance_plan.rb#changes`, `instance_updater/update_procedure.rb`):
///
/// - the VM is **recreated** for a new stemcell, VM type or extensions (`cloud_properties`), agent `env`,
///   network settings, or when a recreate was requested;
/// - the instance is **updated in place** (stop, apply, start) for jobs, packages, properties or links
///   (`configuration`) and for a persistent disk change (a new disk is attached and the data migrated);
/// - it is **restarted** when only a restart was requested;
/// - otherwise **nothing** happens.
public enum ChangeDetector {
    /// Requests from the operator (`bosh deploy --recreate`, `bosh restart`).
    public struct Requests: Sendable, Hashable {
        /// Recreate every VM.
        public var recreate: Bool
        /// Restart every instance.
        public var restart: Bool
        /// Creates requests.
        public init(recreate: Bool = false, restart: Bool = false) {
            self.recreate = recreate
            self.restart = restart
        }
    }

    /// The change for an instance that exists (`current`) and is still desired (`desired`).
    public static func change(current: InstanceSpec?, desired: InstanceSpec, requests: Requests = Requests()) -> InstanceChange {
        var recreate: [InstanceChange.Reason] = []
        var update: [InstanceChange.Reason] = []
        func differs<T: Equatable>(_ key: KeyPath<InstanceSpec, T?>) -> Bool {
            guard let now = current?[keyPath: key], let want = desired[keyPath: key] else { return false }
            return now != want
        }
        if requests.recreate { recreate.append(.recreate) }
        if differs(\.stemcell) { recreate.append(.stemcell) }
        if differs(\.vmType) || differs(\.vmExtensions) { recreate.append(.cloudProperties) }
        if differs(\.env) { recreate.append(.env) }
        if differs(\.networks) { recreate.append(.network) }
        if differs(\.persistentDiskSize) || differs(\.persistentDiskType) { update.append(.persistentDisk) }
        if differs(\.jobs) { update.append(.job) }
        if differs(\.packages) { update.append(.packages) }
        if differs(\.properties) { update.append(.configuration) }
        if differs(\.links) { update.append(.links) }
        if !recreate.isEmpty { return InstanceChange(action: .recreate, reasons: recreate + update) }
        if !update.isEmpty { return InstanceChange(action: .update, reasons: update) }
        if requests.restart { return InstanceChange(action: .restart, reasons: [.restart]) }
        return InstanceChange(action: .none)
    }
}
