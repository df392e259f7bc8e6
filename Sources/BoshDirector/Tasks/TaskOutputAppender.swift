import BoshDirectorStore
import Logging
import Synchronization

/// Appends a task's event lines (and its debug and cpi log lines) to its outputs in the store, in order, off
/// the caller's path: ``append(_:kind:)`` never waits; ``finish()`` waits until everything appended is written.
/// Lines queued while a write is under way go to the store together, one write per output kind in a row (a
/// debug log of many lines is a few writes, not one per line).
final class TaskOutputAppender: Sendable {
    /// The lines not written yet (a class: the writer task holds it too).
    private final class Pending: Sendable {
        let lines = Mutex<[(TaskOutputKind, [UInt8])]>([])
    }
    private let pending = Pending()
    private let signal: AsyncStream<Void>.Continuation
    private let writer: Task<Void, Never>

    init(store: DirectorStore, task: Int, logger: Logger) {
        let (stream, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.signal = signal
        // Its own failures go to the handler underneath: logging them into the task would loop.
        var quiet = logger
        if let tee = logger.handler as? TaskLogHandler { quiet.handler = tee.base }
        let pending = self.pending
        writer = Task { [quiet] in
            func drain() async {
                let batch = pending.lines.withLock { lines in
                    defer { lines.removeAll(keepingCapacity: true) }
                    return lines
                }
                var index = batch.startIndex
                while index < batch.endIndex {
                    let kind = batch[index].0
                    var bytes: [UInt8] = []
                    while index < batch.endIndex, batch[index].0 == kind {
                        bytes += batch[index].1
                        index += 1
                    }
                    do { try await store.appendOutput(bytes, to: task, kind: kind) } catch {
                        quiet.warning("recording task output failed", metadata: ["task": "\(task)", "error": "\(error)"])
                    }
                }
            }
            for await _ in stream { await drain() }
            await drain()
        }
    }

    /// Queues one line of output `kind`.
    func append(_ line: [UInt8], kind: TaskOutputKind = .event) {
        pending.lines.withLock { $0.append((kind, line)) }
        signal.yield()
    }

    /// Waits until every queued line is in the store.
    func finish() async {
        signal.finish()
        await writer.value
    }
}
