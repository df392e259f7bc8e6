import NIOConcurrencyHelpers
import NIOCore

/// The bounded queue between the event loop (producer) and one subscription's consumer.
///
/// When full, new messages are dropped and counted; the first drop of each episode is reported so the
/// client can log and emit ``NatsEvent/slowConsumer(subject:dropped:)``.
@usableFromInline
final class MessageBuffer: Sendable {
    enum AppendResult {
        case queued
        /// Dropped; `report` is true for the first drop since the queue last had room.
        case dropped(total: Int, report: Bool)
        case finished
    }

    private struct State {
        var queue = CircularBuffer<NatsMessage>(initialCapacity: 16)
        var bytes = 0
        var waiter: CheckedContinuation<NatsMessage?, Never>?
        var finished = false
        var dropped = 0
        var dropping = false
    }

    private let state = NIOLockedValueBox(State())
    private let maxMessages: Int
    private let maxBytes: Int

    init(maxMessages: Int, maxBytes: Int) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = max(1, maxBytes)
    }

    var droppedCount: Int { state.withLockedValue { $0.dropped } }
    var pendingCount: Int { state.withLockedValue { $0.queue.count } }

    /// Queues messages in order (handing the first to a waiting consumer); drops what exceeds the limits.
    func append(contentsOf messages: some Collection<NatsMessage>) -> AppendResult {
        let (waiter, first, result) = state.withLockedValue {
            s -> (CheckedContinuation<NatsMessage?, Never>?, NatsMessage?, AppendResult) in
            if s.finished { return (nil, nil, .finished) }
            var rest = messages[...]
            var handed: (CheckedContinuation<NatsMessage?, Never>, NatsMessage)?
            if let waiter = s.waiter, let first = rest.popFirst() {
                s.waiter = nil
                handed = (waiter, first)
            }
            if s.queue.count + rest.count <= maxMessages {
                let size = rest.reduce(0) { $0 + $1.payload.readableBytes }
                if s.bytes + size <= maxBytes || (s.queue.isEmpty && rest.count == 1) {
                    s.queue.append(contentsOf: rest)
                    s.bytes += size
                    return (handed?.0, handed?.1, .queued)
                }
            }
            var droppedNow = 0
            for message in rest {
                let size = message.payload.readableBytes
                if s.queue.count >= maxMessages || (s.bytes + size > maxBytes && !s.queue.isEmpty) {
                    droppedNow += 1
                } else {
                    s.queue.append(message)
                    s.bytes += size
                }
            }
            guard droppedNow > 0 else { return (handed?.0, handed?.1, .queued) }
            s.dropped += droppedNow
            let report = !s.dropping
            s.dropping = true
            return (handed?.0, handed?.1, .dropped(total: s.dropped, report: report))
        }
        if let waiter { waiter.resume(returning: first) }
        return result
    }

    func append(_ message: NatsMessage) -> AppendResult { append(contentsOf: CollectionOfOne(message)) }

    /// Ends the sequence after the queued messages.
    func finish() {
        let waiter = state.withLockedValue { s -> CheckedContinuation<NatsMessage?, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next queued message without waiting, if any.
    @usableFromInline
    func poll() -> NatsMessage? { state.withLockedValue { s in self.pop(&s) } }

    /// The next message, or `nil` once finished and empty or when the task is cancelled.
    @usableFromInline
    nonisolated(nonsending)
    func next() async -> NatsMessage? {
        if let ready = state.withLockedValue({ s in self.pop(&s) }) { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<NatsMessage?, Never>) in
                let immediate: NatsMessage?? = state.withLockedValue { s in
                    if let message = self.pop(&s) { return .some(message) }
                    if s.finished || Task.isCancelled { return .some(nil) }
                    s.waiter = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { s -> CheckedContinuation<NatsMessage?, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    private func pop(_ s: inout State) -> NatsMessage? {
        guard let message = s.queue.popFirst() else { return nil }
        s.bytes -= message.payload.readableBytes
        if s.dropping && s.queue.count * 2 < maxMessages { s.dropping = false }
        return message
    }
}
