import NIOCore

/// The outbound path: publishes and control lines go into one ordered buffer that the event loop hands to
/// the socket in batches; while reconnecting the same buffer holds publishes up to the reconnect limit.
extension ClientCore {
    private enum WriteAction {
        case none
        case flush
        case flushAndWait
    }

    func publish(subject: String, replyTo: String?, headers: NatsHeaders?, payload: ByteBuffer) async throws {
        try SubjectCheck.validate(subject)
        if let replyTo { try SubjectCheck.validate(replyTo) }
        let headerBlock = try headers.map(HeaderCodec.encode)
        let size = payload.readableBytes + (headerBlock?.readableBytes ?? 0)
        let action = try state.withLockedValue { s -> WriteAction in
            guard size <= s.info.maxPayload else {
                throw NatsError(
                    .maxPayloadExceeded, "\(size) bytes on '\(subject)', server max_payload \(s.info.maxPayload)")
            }
            switch s.phase {
            case .closed:
                throw NatsError(.connectionClosed)
            case .connecting, .reconnecting:
                let needed = s.writeBuffer.readableBytes + size + subject.utf8.count + (replyTo?.utf8.count ?? 0) + 32
                guard needed <= options.reconnectBufferSize else {
                    throw NatsError(.reconnectBufferExceeded, "\(options.reconnectBufferSize) bytes buffered")
                }
                s.writeBuffer.writePublish(subject: subject, replyTo: replyTo, headers: headerBlock, payload: payload)
                return .none
            case .connected:
                s.writeBuffer.writePublish(subject: subject, replyTo: replyTo, headers: headerBlock, payload: payload)
                let full = s.writeBuffer.readableBytes > options.writeBufferLimit
                if s.flushScheduled { return full ? .flushAndWait : .none }
                s.flushScheduled = true
                return full ? .flushAndWait : .flush
            }
        }
        switch action {
        case .none: return
        case .flush: eventLoop.execute { self.flushWrites() }
        case .flushAndWait:
            eventLoop.execute { self.flushWrites() }
            await waitForRoom()
        }
    }

    /// Suspends a publisher until the event loop took the buffer (back-pressure).
    private func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let wait = state.withLockedValue { s -> Bool in
                guard case .connected = s.phase, s.writeBuffer.readableBytes > options.writeBufferLimit else {
                    return false
                }
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
        body(&s.writeBuffer)
        if !s.flushScheduled {
            s.flushScheduled = true
            eventLoop.execute { self.flushWrites() }
        }
        return true
    }

    /// Hands the buffered bytes to the channel unless it is not writable (then writability resumes it).
    func flushWrites() {
        let (out, channel, waiters) = state.withLockedValue {
            s -> (ByteBuffer?, Channel?, [CheckedContinuation<Void, Never>]) in
            s.flushScheduled = false
            guard case .connected(let channel) = s.phase, s.writeBuffer.readableBytes > 0, channel.isWritable else {
                return (nil, nil, [])
            }
            let out = s.writeBuffer
            s.writeBuffer = allocator.buffer(capacity: min(max(out.readableBytes, 4096), 1 << 20))
            let waiters = s.writeWaiters
            s.writeWaiters = []
            return (out, channel, waiters)
        }
        if let out, let channel { channel.writeAndFlush(out, promise: nil) }
        for waiter in waiters { waiter.resume() }
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
