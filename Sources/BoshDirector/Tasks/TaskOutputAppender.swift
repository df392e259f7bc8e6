import BoshDirectorStore
import Logging

/// Appends a task's event lines (and its debug and cpi log lines) to its outputs in the store, in order, off
/// the caller's path: ``append(_:kind:)`` never waits; ``finish()`` waits until everything appended is written.
final class TaskOutputAppender: Sendable {
    private let continuation: AsyncStream<(TaskOutputKind, [UInt8])>.Continuation
    private let writer: Task<Void, Never>

    init(store: DirectorStore, task: Int, logger: Logger) {
        let (stream, continuation) = AsyncStream<(TaskOutputKind, [UInt8])>.makeStream()
        self.continuation = continuation
        // Its own failures go to the handler underneath: logging them into the task would loop.
        var quiet = logger
        if let tee = logger.handler as? TaskLogHandler { quiet.handler = tee.base }
        writer = Task { [quiet] in
            for await (kind, line) in stream {
                do { try await store.appendOutput(line, to: task, kind: kind) } catch {
                    quiet.warning("recording task output failed", metadata: ["task": "\(task)", "error": "\(error)"])
                }
            }
        }
    }

    /// Queues one line of output `kind`.
    func append(_ line: [UInt8], kind: TaskOutputKind = .event) { continuation.yield((kind, line)) }

    /// Waits until every queued line is in the store.
    func finish() async {
        continuation.finish()
        await writer.value
    }
}
