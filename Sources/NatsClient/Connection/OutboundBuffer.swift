import NIOCore

/// The pending outbound bytes of a client: publishes are encoded straight into the free space of one
/// `ByteBuffer` through a raw cursor, so a publish costs no `ByteBuffer` bookkeeping (capacity and
/// uniqueness checks, index updates, exclusivity checks on its storage) — only a bounds check and the copy.
///
/// The cursor points into storage owned by `buffer`, which is unique while a cursor exists: every other use
/// goes through ``withBuffer(_:)`` or ``take(capacity:allocator:)``, which first commit the written bytes.
/// `@unchecked Sendable`: the cursor is a raw pointer; the buffer lives in the client's locked state.
struct OutboundBuffer: @unchecked Sendable {
    private var buffer: ByteBuffer
    private var cursor: UnsafeMutableRawPointer?
    /// Bytes written at the cursor's start that the buffer's writer index does not include yet.
    private var pending = 0
    /// Free bytes after the pending ones.
    private var room = 0

    init(_ buffer: ByteBuffer) { self.buffer = buffer }

    var readableBytes: Int { buffer.readableBytes + pending }

    /// Makes the pending bytes part of the buffer and drops the cursor.
    private mutating func commit() {
        if pending > 0 { buffer.moveWriterIndex(forwardBy: pending) }
        pending = 0
        room = 0
        cursor = nil
    }

    /// The buffer with everything written so far, for other writers (control lines) and readers.
    mutating func withBuffer<R>(_ body: (inout ByteBuffer) throws -> R) rethrows -> R {
        commit()
        return try body(&buffer)
    }

    /// Hands out everything written so far and starts a fresh buffer of `capacity` bytes.
    mutating func take(capacity: Int, allocator: ByteBufferAllocator) -> ByteBuffer {
        take(replacement: allocator.buffer(capacity: capacity))
    }

    /// Hands out everything written so far and continues in `replacement` (its contents are discarded).
    mutating func take(replacement: ByteBuffer) -> ByteBuffer {
        commit()
        let out = buffer
        buffer = replacement
        buffer.moveReaderIndex(to: 0)
        buffer.moveWriterIndex(to: 0)
        return out
    }

    /// `PUB` / `HPUB`, see `ByteBuffer.writePublish`.
    @inline(__always)
    mutating func writePublish(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) {
        let needed = ByteBuffer.publishSize(subject: subject, replyTo: replyTo, headers: headers, payload: payload)
        if needed > room { makeRoom(needed) }
        let written = ByteBuffer.encodePublish(
            at: cursor.unsafelyUnwrapped + pending, subject: subject, replyTo: replyTo, headers: headers,
            payload: payload)
        pending &+= written
        room &-= written
    }

    private mutating func makeRoom(_ needed: Int) {
        commit()
        let used = buffer.writerIndex
        buffer.reserveCapacity(minimumWritableBytes: max(needed, min(used, 1 << 20), 4096))
        let (base, count) = buffer.withUnsafeMutableWritableBytes { ($0.baseAddress!, $0.count) }
        cursor = base
        room = count
    }
}
