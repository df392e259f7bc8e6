import Foundation

/// A director task, as `bosh tasks` shows it.
public struct TaskRecord: Sendable, Hashable, Codable {
    /// The task's state.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for a worker.
        case queued
        /// A worker runs it.
        case processing
        /// Cancellation was asked for; the worker stops at its next checkpoint.
        case cancelling
        /// Stopped by cancellation.
        case cancelled
        /// Finished successfully.
        case done
        /// Failed.
        case error
        /// Ran past its time.
        case timeout

        /// Whether the task is over.
        public var isFinished: Bool { ![.queued, .processing, .cancelling].contains(self) }
    }

    /// The task number.
    public var id: Int
    /// Its state.
    public var state: State
    /// Its type (`update_deployment`, `delete_deployment`, `update_release`…).
    public var type: String
    /// What it does, e.g. `create deployment`.
    public var description: String
    /// The deployment it works on.
    public var deployment: String?
    /// Who started it.
    public var user: String
    /// The client's context id.
    public var contextID: String
    /// What the worker needs to run it (JSON, by type).
    public var payload: String?
    /// The worker that claimed it.
    public var worker: String?
    /// When it was queued.
    public var createdAt: Date
    /// When a worker started it.
    public var startedAt: Date?
    /// When it last changed state (bosh's "timestamp": the finish time once finished).
    public var timestamp: Date
    /// Its result text (the error message for a failed task).
    public var result: String?
}

/// One kind of a task's output.
public enum TaskOutputKind: String, Sendable, Hashable, CaseIterable {
    /// JSON event lines (what the CLI renders).
    case event
    /// The result (JSON lines or text).
    case result
    /// The debug log.
    case debug
    /// The CPI log.
    case cpi
}

/// Which tasks ``DirectorStore/tasks(_:)`` lists.
public struct TaskFilter: Sendable, Hashable {
    /// Only these states (all when empty).
    public var states: [TaskRecord.State]
    /// Only this deployment's.
    public var deployment: String?
    /// Only these types (all when empty).
    public var types: [String]
    /// Only this context id's.
    public var contextID: String?
    /// At most this many, newest first.
    public var limit: Int?

    /// Creates a filter.
    public init(
        states: [TaskRecord.State] = [], deployment: String? = nil, types: [String] = [], contextID: String? = nil, limit: Int? = nil
    ) {
        self.states = states
        self.deployment = deployment
        self.types = types
        self.contextID = contextID
        self.limit = limit
    }
}
