import NIOConcurrencyHelpers
import NIOCore

/// The bounded queue between the event loop (producer) and one subscription's consumer.
///
/// When full, new messages are dropped and counted; the first drop of each episode is reported so the
/// client can log and emit ``NatsEvent/slowConsumer(subject:dropped:)``.
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

    func append(_ message: NatsMessage) -> AppendResult {
        let (waiter, result): (CheckedContinuation<NatsMessage?, Never>?, AppendResult) = state.withLockedValue { s in
            if s.finished { return (nil, .finished) }
            if let waiter = s.waiter {
                s.waiter = nil
                return (waiter, .queued)
            }
            let size = message.payload.readableBytes
            if s.queue.count >= maxMessages || (s.bytes + size > maxBytes && !s.queue.isEmpty) {
                s.dropped += 1
                let report = !s.dropping
                s.dropping = true
                return (nil, .dropped(total: s.dropped, report: report))
            }
            s.queue.append(message)
            s.bytes += size
            return (nil, .queued)
        }
        waiter?.resume(returning: message)
        return result
    }

    /// Ends the sequence after the queued messages.
    func finish() {
        let waiter = state.withLockedValue { s -> CheckedContinuation<NatsMessage?, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next message, or `nil` once finished and empty or when the task is cancelled.
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
