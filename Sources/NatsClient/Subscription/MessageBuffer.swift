import NIOConcurrencyHelpers
import NIOCore

/// The bounded queue between the event loop (producer) and one subscription's consumer.
///
/// Messages arrive as ``MessageChunk``s (one socket read each) that the queue takes over whole and the consumer
/// empties one message at a time, so no message is copied on the way. When full, new messages are dropped and
/// counted; the first drop of each episode is reported so the client can log and emit
/// ``NatsEvent/slowConsumer(subject:dropped:)``.
@usableFromInline
final class MessageBuffer: Sendable {
    enum AppendResult {
        case queued
        /// Dropped; `report` is true for the first drop since the queue last had room.
        case dropped(total: Int, report: Bool)
        case finished
    }

    /// Only touched under `state`'s lock; the chunks it holds belong to it alone.
    private struct State: @unchecked Sendable {
        var chunks = CircularBuffer<MessageChunk>(initialCapacity: 16)
        /// Messages queued over all chunks.
        var count = 0
        var bytes = 0
        var waiter: UnsafeContinuation<NatsMessage?, Never>?
        var finished = false
        var dropped = 0
        var dropping = false
    }

    private let state = StateLock(State())
    private let maxMessages: Int
    private let maxBytes: Int

    init(maxMessages: Int, maxBytes: Int) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = max(1, maxBytes)
    }

    var droppedCount: Int { state.withLockedValue { $0.dropped } }
    var pendingCount: Int { state.withLockedValue { $0.count } }

    /// Queues messages in order (handing the first to a waiting consumer); drops what exceeds the limits.
    func append(contentsOf messages: some Collection<NatsMessage>) -> AppendResult {
        append(MessageChunk.make(copying: messages))
    }

    /// Takes over `chunk`'s remaining messages in order (handing the first to a waiting consumer); drops what
    /// exceeds the limits. The caller must not use `chunk` afterwards.
    func append(_ chunk: MessageChunk) -> AppendResult {
        let (waiter, first, result) = state.withLockedValue {
            s -> (UnsafeContinuation<NatsMessage?, Never>?, NatsMessage?, AppendResult) in
            if s.finished { return (nil, nil, .finished) }
            var handed: (UnsafeContinuation<NatsMessage?, Never>, NatsMessage)?
            if let waiter = s.waiter, chunk.remaining > 0 {
                s.waiter = nil
                handed = (waiter, chunk.popFirst())
            }
            let incoming = chunk.remaining
            guard incoming > 0 else { return (handed?.0, handed?.1, .queued) }
            if s.count + incoming <= maxMessages {
                let size = chunk.payloadBytes
                if s.bytes + size <= maxBytes || (s.count == 0 && incoming == 1) {
                    s.chunks.append(chunk)
                    s.count += incoming
                    s.bytes += size
                    return (handed?.0, handed?.1, .queued)
                }
            }
            // Over a limit: keep what fits, in order, and drop the rest.
            let kept = MessageChunk.make(capacity: incoming)
            var droppedNow = 0
            while chunk.remaining > 0 {
                let message = chunk.popFirst()
                let size = message.payload.readableBytes
                if s.count >= maxMessages || (s.bytes + size > maxBytes && s.count > 0) {
                    droppedNow += 1
                } else {
                    kept.append(message)
                    s.count += 1
                    s.bytes += size
                }
            }
            if kept.remaining > 0 { s.chunks.append(kept) }
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
        let waiter = state.withLockedValue { s -> UnsafeContinuation<NatsMessage?, Never>? in
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
            await withUnsafeContinuation { (continuation: UnsafeContinuation<NatsMessage?, Never>) in
                let immediate: NatsMessage?? = state.withLockedValue { s in
                    if let message = self.pop(&s) { return .some(message) }
                    if s.finished || Task.isCancelled { return .some(nil) }
                    s.waiter = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { s -> UnsafeContinuation<NatsMessage?, Never>? in
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    private func pop(_ s: inout State) -> NatsMessage? {
        guard let chunk = s.chunks.first else { return nil }
        let message = chunk.popFirst()
        if chunk.remaining == 0 { s.chunks.removeFirst() }
        s.count -= 1
        s.bytes -= message.payload.readableBytes
        if s.dropping && s.count * 2 < maxMessages { s.dropping = false }
        return message
    }
}
