import Foundation
import Logging

/// Workers that run queued tasks: each claims the oldest queued row (see ``DirectorStore/claimTask(worker:types:)``),
/// runs it with `handler`, and records how it ended. Several processes, each with its own workers, may share one
/// database; every task runs exactly once.
///
/// ```swift
/// let workers = TaskWorkers(store: store, count: 3) { task in
///     try await director.run(task)          // the result text, or throws
/// }
/// try await workers.run()                   // until cancelled
/// ```
public struct TaskWorkers: Sendable {
    /// What a task's run answers: its result text (or `nil`).
    public typealias Handler = @Sendable (TaskRecord) async throws -> String?

    /// The store.
    public let store: DirectorStore
    /// How many tasks run at once in this process.
    public let count: Int
    /// Worker names are `<prefix>/<n>`.
    public let prefix: String
    /// How long an idle worker waits before looking again.
    public let pollInterval: Duration
    let handler: Handler
    let logger: Logger

    /// Creates the workers (nothing runs before ``run()``).
    public init(
        store: DirectorStore, count: Int = 3, prefix: String = "\(ProcessInfo.processInfo.hostName):\(getpid())",
        pollInterval: Duration = .milliseconds(200), logger: Logger = Logger(label: "boshkit.tasks"), handler: @escaping Handler
    ) {
        self.store = store
        self.count = max(1, count)
        self.prefix = prefix
        self.pollInterval = pollInterval
        self.logger = logger
        self.handler = handler
    }

    /// Runs the workers until the calling task is cancelled (a running task is finished first).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for n in 1...count {
                group.addTask { await work(name: "\(prefix)/\(n)") }
            }
        }
    }

    /// Claims and runs at most one task as worker `name`; `false` when none was queued.
    @discardableResult
    public func runOnce(worker name: String) async -> Bool {
        let task: TaskRecord?
        do { task = try await store.claimTask(worker: name) } catch {
            logger.warning("claiming a task failed", metadata: ["worker": "\(name)", "error": "\(error)"])
            return false
        }
        guard let task else { return false }
        logger.debug("running task", metadata: ["task": "\(task.id)", "type": "\(task.type)", "worker": "\(name)"])
        let state: TaskRecord.State
        let result: String?
        do {
            result = try await handler(task)
            state = (try? await store.task(task.id)?.state) == .cancelling ? .cancelled : .done
        } catch {
            result = "\(error)"
            state = (try? await store.task(task.id)?.state) == .cancelling ? .cancelled : .error
        }
        do { try await store.finishTask(task.id, state: state, result: result) } catch {
            logger.error("recording a task's end failed", metadata: ["task": "\(task.id)", "error": "\(error)"])
        }
        return true
    }

    private func work(name: String) async {
        while !Task.isCancelled {
            if await runOnce(worker: name) { continue }
            do { try await Task.sleep(for: pollInterval) } catch { return }
        }
    }
}
