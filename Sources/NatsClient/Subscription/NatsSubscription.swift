/// A subscription: an `AsyncSequence` of the messages the server delivers for its subject.
///
/// The sequence ends when the subscription is unsubscribed (including after ``unsubscribe(afterMessages:)``'s
/// limit), drained, or the client closes. Iterating is cancellation-safe: cancelling the task ends the loop.
/// Messages that arrive while the buffer is full are dropped and counted in ``droppedMessages``.
///
/// ```swift
/// let sub = try await client.subscribe(to: "agent.*")
/// for await message in sub { print(message.subject, message.string) }
/// ```
public final class NatsSubscription: AsyncSequence, Sendable {
    /// Each element is one delivered message.
    public typealias Element = NatsMessage
    /// Iteration never throws; it ends with `nil`.
    public typealias Failure = Never

    /// The subject (possibly with `*` / `>` wildcards).
    public let subject: String
    /// The queue group, if any: each message goes to one member of the group.
    public let queue: String?
    /// The subscription id on the wire.
    public let sid: UInt64

    let buffer: MessageBuffer
    private let core: ClientCore

    init(subject: String, queue: String?, sid: UInt64, buffer: MessageBuffer, core: ClientCore) {
        self.subject = subject
        self.queue = queue
        self.sid = sid
        self.buffer = buffer
        self.core = core
    }

    /// Messages dropped so far because the consumer fell behind.
    public var droppedMessages: Int { buffer.droppedCount }

    /// Messages received but not yet consumed.
    public var pendingMessages: Int { buffer.pendingCount }

    /// Stops the subscription now, or after `afterMessages` messages in total have been delivered.
    public func unsubscribe(afterMessages: Int? = nil) async throws {
        try core.unsubscribe(sid: sid, max: afterMessages)
    }

    /// Pulls messages from the subscription's buffer, waiting when it is empty.
    public struct AsyncIterator: AsyncIteratorProtocol {
        @usableFromInline let buffer: MessageBuffer

        @usableFromInline init(buffer: MessageBuffer) { self.buffer = buffer }

        /// The next message, or `nil` when the subscription ended or the task was cancelled.
        @inlinable
        nonisolated(nonsending)
        public mutating func next() async -> NatsMessage? {
            if let message = buffer.poll() { return message }
            return await buffer.next()
        }

        /// The next message on the caller's isolation; see ``next()``.
        @inlinable
        public mutating func next(isolation actor: isolated (any Actor)?) async -> NatsMessage? {
            if let message = buffer.poll() { return message }
            return await buffer.next()
        }
    }

    /// An iterator over the messages; several iterators share (not copy) the stream.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
