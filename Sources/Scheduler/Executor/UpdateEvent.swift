import ManifestModel

/// One unit of work handed to the caller's action.
public struct InstanceUpdate: Sendable, Hashable {
    /// What to do.
    public enum Kind: String, Sendable, Hashable {
        /// Delete an obsolete instance.
        case delete
        /// Update a canary (watched with the canary watch time).
        case canary
        /// Update a non-canary instance (watched with the update watch time).
        case instance
    }
    /// The instance.
    public var target: UpdateTarget
    /// What to do with it.
    public var kind: Kind
    /// How long to watch it after the action returns (`nil` for deletions).
    public var watchTime: WatchTime?
    /// The group's `vm_strategy`.
    public var vmStrategy: String
}

/// Progress of an ``UpdateExecutor`` run, in the order it happens.
public enum UpdateEvent: Sendable, Hashable, CustomStringConvertible {
    /// An instance group starts updating.
    case groupStarted(String)
    /// The action for an instance starts.
    case started(InstanceUpdate)
    /// The instance is checked after a watch-time wait (`attempt` counts from 1).
    case watching(InstanceUpdate, attempt: Int)
    /// The instance is done.
    case finished(InstanceUpdate)
    /// The instance failed; nothing new starts after this.
    case failed(InstanceUpdate, message: String)
    /// An instance group is done.
    case groupFinished(String)
    /// The run was cancelled: in-flight instances finish, nothing new starts.
    case cancelled

    public var description: String {
        switch self {
        case .groupStarted(let g): "group \(g) started"
        case .started(let u): "\(u.kind.rawValue) \(u.target) started"
        case .watching(let u, let attempt): "\(u.kind.rawValue) \(u.target) check \(attempt)"
        case .finished(let u): "\(u.kind.rawValue) \(u.target) finished"
        case .failed(let u, let message): "\(u.kind.rawValue) \(u.target) failed: \(message)"
        case .groupFinished(let g): "group \(g) finished"
        case .cancelled: "cancelled"
        }
    }
}

/// How an ``UpdateExecutor`` run ended.
public struct UpdateReport: Sendable {
    /// The overall result.
    public enum Outcome: Sendable, Hashable {
        /// Every instance was updated.
        case succeeded
        /// An instance failed (the first failure); the deploy stopped.
        case failed(UpdateTarget, message: String)
        /// The run was cancelled.
        case cancelled
    }
    /// The overall result.
    public var outcome: Outcome
    /// Instances whose action (and watch) completed, in completion order.
    public var finished: [UpdateTarget]
    /// Instances that failed, with why.
    public var failed: [(target: UpdateTarget, message: String)]
    /// Instances never started (after a failure or cancellation), in plan order.
    public var notStarted: [UpdateTarget]
}

/// Why an instance failed its watch: the director's "is not running after update" error.
public struct NotRunningError: Error, Sendable, CustomStringConvertible {
    /// The instance.
    public var target: UpdateTarget
    public var description: String {
        let name = target.id.map { "\(target.group)/\(target.index) (\($0))" } ?? "\(target)"
        return "'\(name)' is not running after update. Review logs for failed jobs"
    }
}
