/// Everything ``NatsClient/connect(_:logger:)`` needs: servers, credentials, TLS, timeouts, reconnect and
/// buffer limits. Defaults follow nats.go.
public struct NatsClientOptions: Sendable {
    /// Credentials sent in `CONNECT`.
    public enum Authentication: Sendable {
        /// No credentials (or those embedded in the server URLs: `nats://user:pass@host:port`).
        case none
        /// A user name and password.
        case userPassword(user: String, password: String)
        /// An authentication token.
        case token(String)
        /// An nkey: the public key (`U…`) and a function that signs the server's nonce with its seed,
        /// returning the raw Ed25519 signature.
        case nkey(publicKey: String, sign: @Sendable ([UInt8]) throws -> [UInt8])
        /// A user JWT plus the signer of its nkey seed (decentralised auth).
        case jwt(String, sign: @Sendable ([UInt8]) throws -> [UInt8])
    }

    /// Server URLs: `nats://host:port`, `tls://host:port` (TLS required), `host:port`, with optional
    /// `user:password@`. Port 4222 by default.
    public var servers: [String]
    /// Credentials.
    public var authentication: Authentication
    /// TLS settings; `nil` still upgrades when the server requires TLS (with system roots).
    public var tls: NatsTLSOptions?
    /// The connection name the server shows in monitoring.
    public var name: String?
    /// Whether the server echoes this connection's own publishes to its subscriptions.
    public var echo: Bool
    /// The time allowed for TCP connect, `INFO`, TLS and the first `PONG` of one attempt.
    public var connectTimeout: Duration
    /// How often the client pings the server.
    public var pingInterval: Duration
    /// How many pings may go unanswered before the connection counts as stale and is dropped.
    public var maxPingsOutstanding: Int
    /// Whether to reconnect after losing the connection.
    public var allowReconnect: Bool
    /// Passes over the server pool before giving up; `nil` retries forever.
    public var maxReconnectAttempts: Int?
    /// The pause after each unsuccessful pass over the server pool.
    public var reconnectWait: Duration
    /// Random extra pause added to ``reconnectWait`` (and its TLS counterpart when TLS is used).
    public var reconnectJitter: Duration
    /// Random extra pause for TLS connections.
    public var reconnectJitterTLS: Duration
    /// Bytes of publishes kept while reconnecting; beyond it publishing throws
    /// ``NatsError/reconnectBufferExceeded``.
    public var reconnectBufferSize: Int
    /// Bytes of unsent publishes after which `publish` waits for the socket (back-pressure).
    public var writeBufferLimit: Int
    /// Messages buffered per subscription before new ones are dropped (slow consumer).
    public var subscriptionPendingMessages: Int
    /// Payload bytes buffered per subscription before new messages are dropped.
    public var subscriptionPendingBytes: Int
    /// Whether to try servers in the given order instead of shuffled.
    public var noRandomize: Bool
    /// The prefix of reply subjects for ``NatsClient/request(_:to:headers:timeout:)``.
    public var inboxPrefix: String

    /// Creates options; only `servers` is usually needed.
    public init(
        servers: [String] = ["nats://127.0.0.1:4222"],
        authentication: Authentication = .none,
        tls: NatsTLSOptions? = nil,
        name: String? = nil,
        echo: Bool = true,
        connectTimeout: Duration = .seconds(2),
        pingInterval: Duration = .seconds(120),
        maxPingsOutstanding: Int = 2,
        allowReconnect: Bool = true,
        maxReconnectAttempts: Int? = 60,
        reconnectWait: Duration = .seconds(2),
        reconnectJitter: Duration = .milliseconds(100),
        reconnectJitterTLS: Duration = .seconds(1),
        reconnectBufferSize: Int = 8 * 1024 * 1024,
        writeBufferLimit: Int = 4 * 1024 * 1024,
        subscriptionPendingMessages: Int = 65_536,
        subscriptionPendingBytes: Int = 64 * 1024 * 1024,
        noRandomize: Bool = false,
        inboxPrefix: String = "_INBOX"
    ) {
        self.servers = servers
        self.authentication = authentication
        self.tls = tls
        self.name = name
        self.echo = echo
        self.connectTimeout = connectTimeout
        self.pingInterval = pingInterval
        self.maxPingsOutstanding = maxPingsOutstanding
        self.allowReconnect = allowReconnect
        self.maxReconnectAttempts = maxReconnectAttempts
        self.reconnectWait = reconnectWait
        self.reconnectJitter = reconnectJitter
        self.reconnectJitterTLS = reconnectJitterTLS
        self.reconnectBufferSize = reconnectBufferSize
        self.writeBufferLimit = writeBufferLimit
        self.subscriptionPendingMessages = subscriptionPendingMessages
        self.subscriptionPendingBytes = subscriptionPendingBytes
        self.noRandomize = noRandomize
        self.inboxPrefix = inboxPrefix
    }
}
