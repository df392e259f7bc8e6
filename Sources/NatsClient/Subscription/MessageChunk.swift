/// A run of messages from one socket read, moved (not copied) from the parser to a subscription's queue and
/// from there to the consumer, so passing a batch on costs no reference counting per message.
///
/// One owner at a time: the connection's handler while it fills the chunk, then the subscription's
/// `MessageBuffer` under its lock (not `Sendable`: ownership, not the type, keeps access single).
final class MessageChunk: ManagedBuffer<MessageChunk.Header, NatsMessage> {
    struct Header {
        /// Index of the first message not yet taken.
        var head: Int
        /// Messages stored (taken ones included).
        var count: Int
        /// Room for this many (`ManagedBuffer.capacity` asks the allocator each time).
        let room: Int
    }

    /// An empty chunk for up to `capacity` messages.
    static func make(capacity: Int) -> MessageChunk {
        let buffer = create(minimumCapacity: capacity) { Header(head: 0, count: 0, room: $0.capacity) }
        return unsafeDowncast(buffer, to: MessageChunk.self)
    }

    /// A chunk holding copies of `messages`.
    static func make(copying messages: some Collection<NatsMessage>) -> MessageChunk {
        let chunk = make(capacity: max(messages.count, 1))
        for message in messages { chunk.append(message) }
        return chunk
    }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in
            (elements + header.pointee.head).deinitialize(count: header.pointee.count - header.pointee.head)
        }
    }

    /// Messages not yet taken.
    var remaining: Int { withUnsafeMutablePointerToHeader { $0.pointee.count - $0.pointee.head } }

    var isFull: Bool { withUnsafeMutablePointerToHeader { $0.pointee.count >= $0.pointee.room } }

    /// Moves a message in; the caller checked `isFull`.
    @inline(__always)
    func append(_ message: __owned NatsMessage) {
        withUnsafeMutablePointers { header, elements in
            (elements + header.pointee.count).initialize(to: message)
            header.pointee.count &+= 1
        }
    }

    /// Moves the first remaining message out; the caller checked `remaining > 0`.
    @inline(__always)
    func popFirst() -> NatsMessage {
        withUnsafeMutablePointers { header, elements in
            let message = (elements + header.pointee.head).move()
            header.pointee.head &+= 1
            return message
        }
    }

    /// Reads the remaining messages in place.
    func withRemaining<R>(_ body: (UnsafeBufferPointer<NatsMessage>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointers { header, elements in
            try body(
                UnsafeBufferPointer(
                    start: elements + header.pointee.head, count: header.pointee.count - header.pointee.head))
        }
    }

    /// The payload bytes of the remaining messages.
    var payloadBytes: Int { withRemaining { $0.reduce(0) { $0 &+ $1.payload.readableBytes } } }
}
