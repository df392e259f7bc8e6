import NIOCore

/// The outbound path: publishes and control lines go into one ordered buffer that the event loop hands to
/// the socket in batches; while reconnecting the same buffer holds publishes up to the reconnect limit.
extension ClientCore {
    /// Queues a publish; returns `true` when the caller should wait for room (back-pressure).
    @usableFromInline
    func enqueuePublish(subject: String, replyTo: String?, headers: NatsHeaders?, payload: ByteBuffer) throws -> Bool {
        try SubjectCheck.validate(subject)
        if let replyTo { try SubjectCheck.validate(replyTo) }
        let headerBlock = try headers.map(HeaderCodec.encode)
        let size = payload.readableBytes + (headerBlock?.readableBytes ?? 0)
        let (action, full) = try state.withLockedValue { s -> (PublishFlush, Bool) in
            guard size <= s.info.maxPayload else {
                throw NatsError(
                    .maxPayloadExceeded, "\(size) bytes on '\(subject)', server max_payload \(s.info.maxPayload)")
            }
            switch s.phase {
            case .closed:
                throw NatsError(.connectionClosed)
            case .connecting, .reconnecting:
                let needed = s.outbound.readableBytes + size + subject.utf8.count + (replyTo?.utf8.count ?? 0) + 32
                guard needed <= options.reconnectBufferSize else {
                    throw NatsError(.reconnectBufferExceeded, "\(options.reconnectBufferSize) bytes buffered")
                }
                s.outbound.writePublish(subject: subject, replyTo: replyTo, headers: headerBlock, payload: payload)
                return (.none, false)
            case .connected:
                s.outbound.writePublish(subject: subject, replyTo: replyTo, headers: headerBlock, payload: payload)
                let pending = s.outbound.readableBytes
                let full = pending > options.writeBufferLimit
                if s.flushScheduled { return (pending >= Self.inlineWriteSize ? .chunk : .none, full) }
                s.flushScheduled = true
                return (.schedule, full)
            }
        }
        switch action {
        case .none:
            break
        case .schedule:
            // On the event loop (a responder or publisher on `taskExecutor`) the first publish after a quiet
            // spell goes out at once; later ones batch up until the loop looks again on its next tick.
            if eventLoop.inEventLoop { flushFromLoop() } else { eventLoop.execute { self.flushWrites() } }
        case .chunk:
            // A publisher on the event loop keeps the loop busy, so the scheduled flush would only run once it
            // waits for room (with megabytes pending). Like a buffered writer, hand each full chunk to the socket
            // right here: the bytes are still in the cache and the server gets them while the next chunk fills.
            // When the socket takes nothing more, the publisher waits for it (as a blocking write would) instead
            // of piling up megabytes that then go out in one cold write.
            if eventLoop.inEventLoop, !writeOut() { return true }
        }
        return full
    }

    /// `flushWrites` for a publish on the event loop. A publisher running as a job of `taskExecutor` has the
    /// follow-up look done right after its batch of jobs instead of in a loop task of its own. Kept out of line:
    /// it is off the per-message path of a busy publisher.
    @inline(never)
    func flushFromLoop() {
        guard writeOut() else { return }
        if taskExecutor.runningBatch {
            taskExecutor.afterBatchWanted = true
        } else {
            eventLoop.execute { self.flushWrites() }
        }
    }

    /// What a publish asks of the event loop after queuing its bytes.
    @usableFromInline
    enum PublishFlush {
        case none
        /// Nothing scheduled yet: flush (at once on the loop, else on its next tick).
        case schedule
        /// A flush is scheduled but a chunk is full: write it at once if the publisher runs on the loop.
        case chunk
    }

    /// Pending bytes a publisher on the event loop writes out at once instead of letting them pile up.
    static let inlineWriteSize = 256 * 1024

    func publish(subject: String, replyTo: String?, headers: NatsHeaders?, payload: ByteBuffer) async throws {
        if try enqueuePublish(subject: subject, replyTo: replyTo, headers: headers, payload: payload) {
            await waitForRoom()
        }
    }

    /// Suspends a publisher until the event loop took the buffer (back-pressure): above `writeBufferLimit`, or,
    /// for a publisher on the event loop, while a full chunk waits for the socket to become writable.
    @usableFromInline
    func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let wait = state.withLockedValue { s -> Bool in
                guard case .connected(let channel) = s.phase else { return false }
                let pending = s.outbound.readableBytes
                // A publisher on the event loop also waits while a full chunk cannot be written.
                let blocked = pending >= Self.inlineWriteSize && !channel.isWritable && eventLoop.inEventLoop
                guard pending > options.writeBufferLimit || blocked else { return false }
                s.writeWaiters.append(continuation)
                return true
            }
            if !wait { continuation.resume() }
        }
    }

    /// Appends control bytes (SUB, UNSUB, PING) when connected; returns whether it did.
    @discardableResult
    func writeControl(_ s: inout State, _ body: (inout ByteBuffer) -> Void) -> Bool {
        guard case .connected = s.phase else { return false }
        s.outbound.withBuffer(body)
        if !s.flushScheduled {
            s.flushScheduled = true
            eventLoop.execute { self.flushWrites() }
        }
        return true
    }

    /// Hands the buffered bytes to the channel, then looks once more on the next loop tick, so a busy
    /// publisher keeps the loop writing without waking it for every message. While the channel is not
    /// writable the flush stays "scheduled" and the writability change resumes it.
    func flushWrites() {
        if writeOut() { eventLoop.execute { self.flushWrites() } }
    }

    /// Hands the buffered bytes to the channel when it is writable; returns whether it wrote anything.
    /// Nothing pending ends the scheduled flush; a channel that is not writable leaves it scheduled.
    @discardableResult
    func writeOut() -> Bool {
        let (out, channel, waiters) = state.withLockedValue {
            s -> (ByteBuffer?, Channel?, [CheckedContinuation<Void, Never>]) in
            guard case .connected(let channel) = s.phase else {
                s.flushScheduled = false
                return (nil, nil, [])
            }
            guard channel.isWritable else { return (nil, nil, []) }
            guard s.outbound.readableBytes > 0 else {
                s.flushScheduled = false
                return (nil, nil, [])
            }
            let out: ByteBuffer
            if let spare = s.spareBuffers.popLast() {
                out = s.outbound.take(replacement: spare)
            } else {
                let capacity = min(max(s.outbound.readableBytes, 4096), 1 << 20)
                out = s.outbound.take(capacity: capacity, allocator: allocator)
            }
            let waiters = s.writeWaiters
            s.writeWaiters = []
            return (out, channel, waiters)
        }
        guard var out, let channel else { return false }
        if out.capacity <= Self.maxPromiselessCapacity {
            // Small buffers (request / reply, light publishing): on the loop the channel writes at once and lets
            // go of the buffer, so `out` is unique again and `clear()` keeps its storage for the next flush: no
            // promise, callback or allocation per write. If the channel still holds it (a write pending on a full
            // socket), `clear()` gives `out` fresh storage (copy-on-write), cheap at this size.
            channel.writeAndFlush(out, promise: nil)
            out.clear()
            recycle(out)
        } else if out.capacity <= Self.maxSpareCapacity {
            // Large chunks of a busy publisher often wait for the socket: reuse them once written, so a full
            // socket does not cost a fresh (page-faulting) buffer per chunk.
            let promise = eventLoop.makePromise(of: Void.self)
            channel.writeAndFlush(out, promise: promise)
            promise.futureResult.whenSuccess { [out] _ in self.recycle(out) }
        } else {
            channel.writeAndFlush(out, promise: nil)
        }
        for waiter in waiters { waiter.resume() }
        return true
    }

    /// Written buffers up to this size are reused.
    static let maxSpareCapacity = 4 << 20
    /// Buffers up to this size are written without a promise and reused at once (see `writeOut`).
    static let maxPromiselessCapacity = 64 << 10

    private func recycle(_ buffer: ByteBuffer) {
        // Not `clear()` for a buffer recycled after its write: the write's closure still holds a reference, so it
        // would allocate new storage. The indices are reset when the buffer is taken again (`take(replacement:)`).
        state.withLockedValue { s in
            if s.spareBuffers.count < 2, case .connected = s.phase { s.spareBuffers.append(buffer) }
        }
    }

    /// Sends `PING` and waits for the matching `PONG`: everything written before has reached the server.
    func flush(timeout: Duration) async throws {
        let promise = try state.withLockedValue { s -> EventLoopPromise<Void> in
            switch s.phase {
            case .closed: throw NatsError(.connectionClosed)
            case .connecting, .reconnecting: throw NatsError(.notConnected, "flush while reconnecting")
            case .connected:
                let promise = eventLoop.makePromise(of: Void.self)
                writeControl(&s) { $0.writeStaticString("PING\r\n") }
                s.pongWaiters.append(promise)
                return promise
            }
        }
        let deadline = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            promise.fail(NatsError(.timeout, "flush after \(timeout)"))
        }
        defer { deadline.cancel() }
        try await promise.futureResult.get()
    }

    func pongReceived() {
        let waiter = state.withLockedValue { s -> EventLoopPromise<Void>? in
            s.pingsOutstanding = 0
            return s.pongWaiters.popFirst() ?? nil
        }
        waiter?.succeed()
    }

    /// The keep-alive tick: drop the connection when too many pings went unanswered.
    func keepAlive() {
        let stale = state.withLockedValue { s -> Channel? in
            guard case .connected(let channel) = s.phase else { return nil }
            if s.pingsOutstanding >= options.maxPingsOutstanding {
                s.lastError = NatsError(.staleConnection, "\(s.pingsOutstanding) pings unanswered")
                return channel
            }
            s.pingsOutstanding += 1
            writeControl(&s) { $0.writeStaticString("PING\r\n") }
            s.pongWaiters.append(nil)
            return nil
        }
        if let stale {
            logger.warning("NATS connection stale, dropping it")
            stale.close(promise: nil)
        }
    }
}
