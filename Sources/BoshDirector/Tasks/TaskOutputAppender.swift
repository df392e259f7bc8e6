import BoshDirectorStore
import Logging

/// Appends a task's event lines to its `event` output in the store, in order, off the caller's path:
/// ``append(_:)`` never waits; ``finish()`` waits until everything appended is written.
final class TaskOutputAppender: Sendable {
    private let continuation: AsyncStream<[UInt8]>.Continuation
    private let writer: Task<Void, Never>

    init(store: DirectorStore, task: Int, logger: Logger) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        self.continuation = continuation
        writer = Task {
            for await line in stream {
                do { try await store.appendOutput(line, to: task, kind: .event) } catch {
                    logger.warning("recording task output failed", metadata: ["task": "\(task)", "error": "\(error)"])
                }
            }
        }
    }

    /// Queues one event line.
    func append(_ line: [UInt8]) { continuation.yield(line) }

    /// Waits until every queued line is in the store.
    func finish() async {
        continuation.finish()
        await writer.value
    }
}
