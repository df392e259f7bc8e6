import NIOCore

/// Losing a connection, reconnecting through the server pool, draining and closing.
extension ClientCore {
    /// The channel of the live connection went away (server gone, stale, protocol error).
    func connectionLost(_ channel: Channel, error: (any Error)?) {
        let (lost, pongs, waiters, reason) = state.withLockedValue {
            s -> (Bool, [EventLoopPromise<Void>?], [CheckedContinuation<Void, Never>], NatsError?) in
            guard case .connected(let current) = s.phase, current === channel else { return (false, [], [], nil) }
            s.phase = options.allowReconnect ? .reconnecting : .closed
            s.pingTask?.cancel()
            s.pingTask = nil
            let pongs = Array(s.pongWaiters)
            s.pongWaiters.removeAll()
            let waiters = s.writeWaiters
            s.writeWaiters = []
            s.spareBuffers = []
            let reason = s.lastError ?? (error as? NatsError) ?? error.map { NatsError(.connectionClosed, "\($0)") }
            return (true, pongs, waiters, reason)
        }
        guard lost else { return }
        for pong in pongs { pong?.fail(NatsError(.connectionClosed, "connection lost")) }
        for waiter in waiters { waiter.resume() }
        logger.warning("NATS disconnected", metadata: ["error": "\(reason.map { "\($0)" } ?? "closed by server")"])
        emit(.disconnected(reason))
        if options.allowReconnect {
            let task = Task { await self.reconnectLoop() }
            state.withLockedValue { $0.reconnectTask = task }
        } else {
            Task { await self.close(error: reason) }
        }
    }

    private func reconnectLoop() async {
        var passes = 0
        while !Task.isCancelled {
            let servers = state.withLockedValue { s -> [ServerAddress]? in
                guard case .reconnecting = s.phase else { return nil }
                return s.pool.reconnectOrder()
            }
            guard let servers else { return }
            for server in servers {
                if Task.isCancelled { return }
                do {
                    let (channel, info) = try await connector.connect(to: server)
                    if activate(channel, server: server, info: info, reconnect: true) { return }
                    channel.close(promise: nil)
                } catch {
                    logger.debug("NATS reconnect attempt failed", metadata: ["server": "\(server)", "error": "\(error)"])
                }
            }
            passes += 1
            if let max = options.maxReconnectAttempts, passes >= max {
                await close(error: NatsError(.connectionFailed, "gave up after \(passes) reconnect passes"))
                return
            }
            let usesTLS = tls != nil || servers.contains { $0.tlsRequired }
            let jitter = usesTLS ? options.reconnectJitterTLS : options.reconnectJitter
            let jitterNanos = max(Int64(0), jitter.components.seconds * 1_000_000_000 + jitter.components.attoseconds / 1_000_000_000)
            let pause = options.reconnectWait + .nanoseconds(Int64.random(in: 0...jitterNanos))
            do { try await Task.sleep(for: pause) } catch { return }
        }
    }

    /// Unsubscribes everything, waits until the server confirmed it, lets subscribers finish, then closes.
    func drain(timeout: Duration) async throws {
        let buffers = state.withLockedValue { s -> [MessageBuffer] in
            for sid in s.subscriptions.keys.sorted() {
                writeControl(&s) { $0.writeUnsubscribe(sid: sid, max: nil) }
            }
            return s.subscriptions.values.map(\.buffer)
        }
        var failure: (any Error)?
        do { try await flush(timeout: timeout) } catch { failure = error }
        state.withLockedValue { $0.subscriptions.removeAll() }
        for buffer in buffers { buffer.finish() }
        await close(error: nil)
        if let failure { throw failure }
    }

    /// Closes for good: sends what is buffered, ends subscriptions, fails pending requests, ends events.
    func close(error: NatsError?) async {
        let taken = state.withLockedValue { s -> (Channel?, ByteBuffer, State)? in
            if case .closed = s.phase, s.eventSinks.isEmpty, s.subscriptions.isEmpty, s.requests.isEmpty {
                return nil
            }
            var channel: Channel?
            if case .connected(let c) = s.phase { channel = c }
            s.phase = .closed
            let snapshot = s
            s.pingTask?.cancel()
            s.pingTask = nil
            s.subscriptions.removeAll()
            s.requests.removeAll()
            s.pongWaiters.removeAll()
            s.writeWaiters = []
            s.spareBuffers = []
            s.eventSinks.removeAll()
            s.reconnectTask = nil
            let pending = s.outbound.take(capacity: 0, allocator: allocator)
            return (channel, pending, snapshot)
        }
        guard let (channel, pending, snapshot) = taken else { return }
        snapshot.reconnectTask?.cancel()
        if let channel {
            if pending.readableBytes > 0 { channel.writeAndFlush(pending, promise: nil) }
            try? await channel.close().get()
        }
        for sub in snapshot.subscriptions.values { sub.buffer.finish() }
        // Requests that have not suspended yet find their entry gone and fail the same way.
        for request in snapshot.requests.values {
            request.continuation?.resume(throwing: NatsError(.connectionClosed))
        }
        for pong in snapshot.pongWaiters { pong?.fail(NatsError(.connectionClosed)) }
        for waiter in snapshot.writeWaiters { waiter.resume() }
        logger.debug("NATS connection closed")
        for sink in snapshot.eventSinks.values {
            sink.yield(.closed(error))
            sink.finish()
        }
    }
}
