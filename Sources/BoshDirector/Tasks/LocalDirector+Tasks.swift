import BoshDirectorStore
import Foundation

extension LocalDirector {
    /// Records a task this process runs itself (state `processing`), as the local commands and the health
    /// monitor's resurrections do; end it with ``endTask(_:error:)``.
    public func beginTask(type: String, description: String, deployment: String? = nil) async throws -> TaskRecord {
        try await store.createTask(
            type: type, description: description, deployment: deployment, state: .processing, worker: TaskWorkersName.local)
    }

    /// The output of `task`: shown through `sink` in `style`, and its event lines kept in the store (bosh's
    /// `type=event` output of the task) until ``endTask(_:error:)``.
    public func output(of task: TaskRecord, style: TaskOutput.Style, sink: TaskOutputSink = .standardOutput) -> TaskOutput {
        let appender = TaskOutputAppender(store: store, task: task.id, logger: logger)
        appenders.withLock { $0[task.id] = appender }
        return TaskOutput(taskID: task.id, style: style, sink: sink, eventLines: { appender.append($0) })
    }

    /// Records how a task ended: `done`, `error` with the message, or `cancelled` (an operator who answered no)
    /// — after its event output is stored.
    public func endTask(_ id: Int, error: (any Error)? = nil, cancelled: Bool = false) async {
        await flushOutput(of: id)
        do {
            let state: TaskRecord.State = cancelled ? .cancelled : error == nil ? .done : .error
            try await store.finishTask(id, state: state, result: error.map { "\($0)" })
        } catch {
            logger.warning("recording a task's end failed", metadata: ["task": "\(id)", "error": "\(error)"])
        }
    }

    /// Runs `body` holding deployment `name`'s lock (`lock:deployment:NAME`) for task `task`.
    /// - Throws: the director's lock message when another task holds it.
    func withDeploymentLock<T>(_ name: String, task: Int, description: String, _ body: () async throws -> T) async throws -> T {
        try await withLock(LockRecord.deployment(name), task: task, description: description, body)
    }

    /// Runs `body` holding the locks `names` (`lock:release:NAME`…), taken in sorted order and released in
    /// reverse, each renewed while `body` runs. With `timeout`, a lock another task holds is waited for that
    /// long, as the director waits; without, it is refused at once.
    /// - Throws: the director's lock message when a lock stays held.
    func withLock<T>(
        _ names: String..., task: Int, description: String, waiting timeout: Duration? = nil, _ body: () async throws -> T
    ) async throws -> T {
        try await withLocks(names, task: task, description: description, waiting: timeout, body)
    }

    /// ``withLock(_:task:description:waiting:_:)`` for a list of names.
    func withLocks<T>(
        _ names: [String], task: Int, description: String, waiting timeout: Duration? = nil, _ body: () async throws -> T
    ) async throws -> T {
        try await store.withDirectorLocks(
            names, task: task, description: description, expiration: configuration.lockExpiration, waiting: timeout, body)
    }
}

extension DirectorStore {
    /// ``DirectorStore/withLocks(_:taskID:description:expiration:waiting:_:)`` for task `task`, a lock that stays
    /// held reported in the director's words (``DirectorError``), for the director and its uploaders alike.
    func withDirectorLocks<T>(
        _ names: [String], task: Int, description: String, expiration: Duration = .seconds(240), waiting timeout: Duration?,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await withLocks(names, taskID: "\(task)", description: description, expiration: expiration, waiting: timeout, body)
        } catch let error as StoreError where error.isLockHeld {
            throw DirectorError(lockHeld: error.description)
        }
    }
}

/// Worker names of tasks run outside a task queue.
enum TaskWorkersName {
    /// `host:pid/local`.
    static var local: String { "\(ProcessInfo.processInfo.hostName):\(getpid())/local" }
}
