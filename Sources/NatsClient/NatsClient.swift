import Logging
import NIOCore
import NIOPosix

/// The version of the BoshKit `NatsClient` module (sent to servers in `CONNECT`).
public let NatsClientVersion = "0.1.0"

/// A connection to a NATS server or cluster.
///
/// ```swift
/// let client = try await NatsClient.connect(NatsClientOptions(servers: ["nats://10.0.0.6:4222"]), logger: logger)
/// let sub = try await client.subscribe(to: "greet.*")
/// try await client.publish("hello", to: "greet.joe")
/// let reply = try await client.request("ping", to: "service", timeout: .seconds(2))
/// try await client.drain()
/// ```
///
/// A client reconnects on its own (see ``NatsClientOptions``): subscriptions are restored and publishes
/// made meanwhile are buffered and sent in order. Watch ``events()`` for disconnects and slow consumers.
/// All methods are safe to call from any task.
public final class NatsClient: Sendable {
    @usableFromInline let core: ClientCore

    private init(core: ClientCore) {
        self.core = core
    }

    /// A logger that discards everything, the default for ``connect(_:eventLoopGroup:logger:)``.
    public static let silentLogger = Logger(label: "boshkit.nats", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects to the first server of `options.servers` that accepts (shuffled unless `noRandomize`).
    ///
    /// - Parameters:
    ///   - options: servers, credentials, TLS, timeouts and limits.
    ///   - eventLoopGroup: where the connection's I/O runs; one event loop of it is used.
    ///   - logger: receives connects, closes and protocol details (`debug`), reconnects and lame duck mode
    ///     (`info`), disconnects, server errors and slow consumers (`warning`).
    /// - Throws: ``NatsError/authorizationViolation``, ``NatsError/tlsFailure``, ``NatsError/timeout`` or
    ///   ``NatsError/connectionFailed`` when no server accepted.
    public static func connect(
        _ options: NatsClientOptions,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = silentLogger
    ) async throws -> NatsClient {
        let core = try ClientCore(options: options, eventLoop: eventLoopGroup.next(), logger: logger)
        try await core.start()
        return NatsClient(core: core)
    }

    /// Connects to one server URL with default options.
    public static func connect(to url: String, logger: Logger = silentLogger) async throws -> NatsClient {
        try await connect(NatsClientOptions(servers: [url]), logger: logger)
    }

    /// The `INFO` of the current (or last) server.
    public var serverInfo: NatsServerInfo { core.serverInfo }

    /// Whether a connection is up right now (false while reconnecting and after close).
    public var isConnected: Bool { core.isConnected }

    /// A task executor on this client's event loop.
    ///
    /// Tasks that prefer it run on the thread that does the client's I/O, which removes a cross-thread
    /// wake-up per message: use it for latency-sensitive responders and tight publish loops, and keep
    /// blocking work off it. A publisher on it writes each full 256 KiB chunk to the socket itself and, while the
    /// socket takes nothing more, waits for it, as a buffered blocking writer would.
    ///
    /// ```swift
    /// Task(executorPreference: client.taskExecutor) {
    ///     for await request in subscription { try await client.publish(answer(request), to: request.replyTo!) }
    /// }
    /// ```
    public var taskExecutor: any TaskExecutor { core.taskExecutor }

    /// A fresh, unique subject for replies.
    public func newInbox() -> String { "\(core.options.inboxPrefix).\(RandomToken.make())" }

    /// A new stream of connection events; each call returns an independent stream that ends on close.
    public func events() -> AsyncStream<NatsEvent> { core.events() }

    // MARK: Publishing

    /// Publishes `payload` to `subject`.
    ///
    /// Returns once the message is queued for the socket (or, while reconnecting, for the reconnect buffer);
    /// it suspends only when the outbound buffer is full. Use ``flush(timeout:)`` to wait for the server.
    /// - Throws: ``NatsError/maxPayloadExceeded`` (nothing sent), ``NatsError/invalidSubject``,
    ///   ``NatsError/reconnectBufferExceeded``, ``NatsError/connectionClosed``.
    @inlinable
    nonisolated(nonsending)
    public func publish(
        _ payload: ByteBuffer, to subject: String, replyTo: String? = nil, headers: NatsHeaders? = nil
    ) async throws {
        if try core.enqueuePublish(subject: subject, replyTo: replyTo, headers: headers, payload: payload) {
            await core.waitForRoom()
        }
    }

    /// Publishes bytes (an array, `Data`, a UTF-8 view) to `subject`.
    public func publish(
        _ payload: some Sequence<UInt8>, to subject: String, replyTo: String? = nil, headers: NatsHeaders? = nil
    ) async throws {
        try await publish(ByteBuffer(bytes: payload), to: subject, replyTo: replyTo, headers: headers)
    }

    /// Publishes a string as UTF-8 to `subject`.
    public func publish(
        _ payload: String, to subject: String, replyTo: String? = nil, headers: NatsHeaders? = nil
    ) async throws {
        try await publish(ByteBuffer(string: payload), to: subject, replyTo: replyTo, headers: headers)
    }

    // MARK: Subscribing

    /// Subscribes to `subject` (wildcards: `*` one token, `>` the rest), optionally in a queue group.
    ///
    /// When connected, returns after the server confirmed the interest, so a publish made afterwards by any
    /// client is delivered.
    public func subscribe(to subject: String, queue: String? = nil) async throws -> NatsSubscription {
        let subscription = try core.subscribe(subject: subject, queue: queue)
        if core.isConnected { try? await core.flush(timeout: core.options.connectTimeout) }
        return subscription
    }

    // MARK: Request / reply

    /// Sends a request and waits for the first reply.
    ///
    /// Replies come back over one shared inbox subscription, matched by token.
    /// - Throws: ``NatsError/noResponders`` at once when nobody subscribes to `subject`,
    ///   ``NatsError/timeout`` after `timeout`, `CancellationError` when the task is cancelled.
    public func request(
        _ payload: ByteBuffer, to subject: String, headers: NatsHeaders? = nil, timeout: Duration = .seconds(5)
    ) async throws -> NatsMessage {
        try await core.request(subject: subject, payload: payload, headers: headers, timeout: timeout)
    }

    /// Sends a request with a byte payload; see ``request(_:to:headers:timeout:)``.
    public func request(
        _ payload: some Sequence<UInt8>, to subject: String, headers: NatsHeaders? = nil,
        timeout: Duration = .seconds(5)
    ) async throws -> NatsMessage {
        try await request(ByteBuffer(bytes: payload), to: subject, headers: headers, timeout: timeout)
    }

    /// Sends a request with a string payload; see ``request(_:to:headers:timeout:)``.
    public func request(
        _ payload: String, to subject: String, headers: NatsHeaders? = nil, timeout: Duration = .seconds(5)
    ) async throws -> NatsMessage {
        try await request(ByteBuffer(string: payload), to: subject, headers: headers, timeout: timeout)
    }

    // MARK: Lifecycle

    /// Waits until the server has processed everything sent so far (a `PING` / `PONG` round trip).
    /// - Throws: ``NatsError/timeout``, ``NatsError/notConnected`` while reconnecting.
    public func flush(timeout: Duration = .seconds(10)) async throws {
        try await core.flush(timeout: timeout)
    }

    /// Unsubscribes all subscriptions, waits for the server to confirm, ends each subscription after the
    /// messages already received, sends the buffered publishes and closes.
    public func drain(timeout: Duration = .seconds(30)) async throws {
        try await core.drain(timeout: timeout)
    }

    /// Closes the connection: buffered publishes are written, subscriptions end, pending requests fail with
    /// ``NatsError/connectionClosed``, event streams end with ``NatsEvent/closed(_:)``.
    public func close() async {
        await core.close(error: nil)
    }
}
