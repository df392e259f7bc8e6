import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The shared state behind a ``NatsClient``: connection phase, subscriptions, the outbound buffer, pending
/// pings and requests. Every field lives in one lock; the event loop and API callers take it briefly.
@usableFromInline
final class ClientCore: Sendable {
    enum Phase {
        case connecting
        case connected(Channel)
        case reconnecting
        case closed
    }

    struct Subscription {
        var subject: String
        var queue: String?
        var buffer: MessageBuffer
        var max: Int?
        var delivered = 0
    }

    struct PendingRequest {
        var deadline: NIODeadline
        /// The suspended request, once it waits.
        var continuation: UnsafeContinuation<NatsMessage, any Error>?
        /// A reply, timeout or cancellation that came before the request suspended.
        var outcome: Result<NatsMessage, any Error>?

        init(deadline: NIODeadline) { self.deadline = deadline }
    }

    struct State {
        var phase = Phase.connecting
        var pool: ServerPool
        var info = NatsServerInfo()
        var outbound: OutboundBuffer
        var flushScheduled = false
        /// Written-out buffers kept for reuse: their memory is still in the cache and already mapped.
        var spareBuffers: [ByteBuffer] = []
        var writeWaiters: [CheckedContinuation<Void, Never>] = []
        var subscriptions: [UInt64: Subscription] = [:]
        var nextSid: UInt64 = 1
        var pongWaiters = CircularBuffer<EventLoopPromise<Void>?>()
        var pingsOutstanding = 0
        var pingTask: RepeatedTask?
        var inboxSid: UInt64?
        var requests: [Substring: PendingRequest] = [:]
        /// When the request reaper runs next (one timer for all request timeouts), if scheduled.
        var reaperDeadline: NIODeadline?
        var nextRequest: UInt64 = 0
        var eventSinks: [Int: AsyncStream<NatsEvent>.Continuation] = [:]
        var nextSink = 0
        var reconnectTask: Task<Void, Never>?
        var lastError: NatsError?
    }

    let options: NatsClientOptions
    let logger: Logger
    let eventLoop: any EventLoop
    let tls: TLSSetup?
    let inbox: String
    /// `inbox` and a dot: request reply subjects are this plus a token.
    let replyPrefix: String
    let state: StateLock<State>
    let allocator = ByteBufferAllocator()
    /// The client's task executor (kept alive with the client).
    let taskExecutor: EventLoopTaskExecutor

    init(options: NatsClientOptions, eventLoop: any EventLoop, logger: Logger) throws {
        self.options = options
        self.logger = logger
        self.eventLoop = eventLoop
        self.tls = try options.tls.map(TLSSetup.init)
        self.inbox = "\(options.inboxPrefix).\(RandomToken.make())"
        self.replyPrefix = inbox + "."
        taskExecutor = EventLoopTaskExecutor(eventLoop: eventLoop)
        let pool = try ServerPool(urls: options.servers, randomize: !options.noRandomize)
        state = StateLock(State(pool: pool, outbound: OutboundBuffer(ByteBufferAllocator().buffer(capacity: 4096))))
        taskExecutor.afterBatch = { [weak self] in self?.flushWrites() }
    }

    var connector: Connector { Connector(core: self) }

    /// Connects to the first server of the pool that accepts; throws the last error otherwise.
    func start() async throws {
        let servers = state.withLockedValue { $0.pool.servers }
        var lastError: any Error = NatsError(.connectionFailed, "no servers")
        for server in servers {
            do {
                let (channel, info) = try await connector.connect(to: server)
                guard activate(channel, server: server, info: info, reconnect: false) else {
                    channel.close(promise: nil)
                    throw NatsError(.connectionClosed, "\(server) closed the connection right after the handshake")
                }
                return
            } catch {
                logger.debug("NATS connect failed", metadata: ["server": "\(server)", "error": "\(error)"])
                lastError = error
            }
        }
        state.withLockedValue { $0.phase = .closed }
        if let error = lastError as? NatsError, error.code != .connectionClosed { throw error }
        throw NatsError(.connectionFailed, "\(servers.map(\.description)): \(lastError)")
    }

    /// Installs a handshaken channel: resends subscriptions, then the publishes buffered meanwhile.
    func activate(_ channel: Channel, server: ServerAddress, info: NatsServerInfo, reconnect: Bool) -> Bool {
        let (ok, discovered) = state.withLockedValue { s -> (Bool, [ServerAddress]) in
            switch s.phase {
            case .closed, .connected: return (false, [])
            case .connecting, .reconnecting: break
            }
            // The channel may have died between the handshake and now; its inactivity was then ignored.
            guard channel.isActive else { return (false, []) }
            s.info = info
            s.pool.markCurrent(server)
            let discovered = s.pool.discover(info.connectURLs, template: server)
            let buffered = s.outbound.take(capacity: 0, allocator: allocator)
            var out = allocator.buffer(capacity: buffered.readableBytes + 256)
            for sid in s.subscriptions.keys.sorted() {
                let sub = s.subscriptions[sid]!
                out.writeSubscribe(subject: sub.subject, queue: sub.queue, sid: sid)
                if let max = sub.max { out.writeUnsubscribe(sid: sid, max: max - sub.delivered) }
            }
            if let sid = s.inboxSid { out.writeSubscribe(subject: inbox + ".*", queue: nil, sid: sid) }
            out.writeImmutableBuffer(buffered)
            s.outbound = OutboundBuffer(out)
            s.phase = .connected(channel)
            s.pingsOutstanding = 0
            s.flushScheduled = true
            s.lastError = nil
            let interval = TimeAmount(options.pingInterval)
            s.pingTask = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
                self?.keepAlive()
            }
            return (true, discovered)
        }
        guard ok else { return false }
        eventLoop.execute { self.flushWrites() }
        // A connect is routine (debug); a reconnect ends a disconnect that was logged as a warning (info).
        logger.log(
            level: reconnect ? .info : .debug, reconnect ? "NATS reconnected" : "NATS connected",
            metadata: ["server": "\(server)", "server_id": "\(info.serverID)"])
        if reconnect { emit(.reconnected(server.description)) }
        if !discovered.isEmpty { emit(.discoveredServers(discovered.map(\.description))) }
        return true
    }

    /// A later `INFO`: new limits, cluster members, lame duck mode.
    func infoUpdated(_ info: NatsServerInfo) {
        let discovered = state.withLockedValue { s -> [ServerAddress] in
            s.info = info
            return s.pool.discover(info.connectURLs, template: s.pool.current)
        }
        if !discovered.isEmpty {
            logger.debug("NATS discovered servers", metadata: ["servers": "\(discovered)"])
            emit(.discoveredServers(discovered.map(\.description)))
        }
        if info.lameDuckMode {
            logger.info("NATS server entered lame duck mode", metadata: ["server_id": "\(info.serverID)"])
            emit(.lameDuckMode)
        }
    }

    /// An `-ERR` after the handshake: permission errors keep the connection, others precede a close.
    func serverError(_ text: String) {
        logger.warning("NATS server error", metadata: ["error": "\(text)"])
        if !text.lowercased().contains("permissions violation") {
            state.withLockedValue { $0.lastError = NatsError(.serverError, text) }
        }
        emit(.serverError(text))
    }

    var serverInfo: NatsServerInfo { state.withLockedValue { $0.info } }

    var isConnected: Bool {
        state.withLockedValue { s in
            if case .connected = s.phase { return true }
            return false
        }
    }

    // MARK: Events

    func events() -> AsyncStream<NatsEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: NatsEvent.self, bufferingPolicy: .bufferingNewest(1024))
        let closed = state.withLockedValue { s -> Bool in
            if case .closed = s.phase { return true }
            let id = s.nextSink
            s.nextSink += 1
            s.eventSinks[id] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.state.withLockedValue { _ = $0.eventSinks.removeValue(forKey: id) }
            }
            return false
        }
        if closed { continuation.finish() }
        return stream
    }

    func emit(_ event: NatsEvent) {
        let sinks = state.withLockedValue { Array($0.eventSinks.values) }
        for sink in sinks { sink.yield(event) }
    }
}

/// Random URL-safe tokens for inbox names.
enum RandomToken {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func make(length: Int = 22) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }
}
