import BoshJSON
import Foundation

/// The agent's long-running tasks: running ones with their Swift task (for `cancel_task`), finished ones with
/// their outcome (for `get_task`). At most `finishedLimit` finished tasks are kept, oldest dropped first.
final class TaskTable: Sendable {
    enum Outcome: Sendable {
        case running
        case done(JSONValue)
        case failed(String)
    }

    /// What `cancel_task` did.
    enum Cancellation: Sendable, Equatable {
        /// No task has that id.
        case notFound
        /// The task is running and its method cannot be cancelled.
        case notSupported
        /// The running task was cancelled, or it had already finished (nothing left to cancel).
        case cancelled
    }

    private struct Running {
        var task: Task<Void, Never>
        var cancellable: Bool
    }

    private struct State {
        var outcomes: [String: Outcome] = [:]
        var running: [String: Running] = [:]
        var finishedOrder: [String] = []
    }

    private let state = Locked(State())
    let finishedLimit: Int

    init(finishedLimit: Int) { self.finishedLimit = finishedLimit }

    /// Starts `work` as a task and returns its id; `cancellable` says whether `cancel_task` may cancel it.
    func start(
        cancellable: Bool, _ work: @escaping @Sendable () async throws -> JSONValue,
        describeFailure: @escaping @Sendable (any Error) -> String
    ) -> String {
        let id = UUID().uuidString.lowercased()
        state.withLock { $0.outcomes[id] = .running }
        let task = Task {
            let outcome: Outcome
            do {
                outcome = .done(try await work())
            } catch {
                outcome = .failed(describeFailure(error))
            }
            self.finish(id, outcome)
        }
        state.withLock { state in
            if case .running? = state.outcomes[id] { state.running[id] = Running(task: task, cancellable: cancellable) }
        }
        return id
    }

    private func finish(_ id: String, _ outcome: Outcome) {
        state.withLock { state in
            state.outcomes[id] = outcome
            state.running[id] = nil
            state.finishedOrder.append(id)
            if state.finishedOrder.count > finishedLimit {
                let dropped = state.finishedOrder.count - finishedLimit
                for old in state.finishedOrder.prefix(dropped) { state.outcomes[old] = nil }
                state.finishedOrder.removeFirst(dropped)
            }
        }
    }

    func outcome(_ id: String) -> Outcome? { state.withLock { $0.outcomes[id] } }

    /// Cancels a running task when its method allows it. Cancelling a finished task does nothing and succeeds,
    /// as in bosh-agent (a finished task has nothing left to cancel).
    func cancel(_ id: String) -> Cancellation {
        let (known, running) = state.withLock { ($0.outcomes[id] != nil, $0.running[id]) }
        guard known else { return .notFound }
        guard let running else { return .cancelled }
        guard running.cancellable else { return .notSupported }
        running.task.cancel()
        return .cancelled
    }

    var runningCount: Int { state.withLock { $0.running.count } }

    /// Cancels every running task.
    func cancelAll() {
        for running in state.withLock({ Array($0.running.values) }) { running.task.cancel() }
    }
}
