/// The server's `INFO`: who it is, what it allows, which other cluster members it knows.
///
/// Unknown keys are ignored, so newer servers stay compatible.
public struct NatsServerInfo: Sendable, Hashable, Decodable {
    /// The server's unique id.
    public var serverID: String
    /// The server's name (defaults to its id).
    public var serverName: String?
    /// The server version, e.g. `2.9.10`.
    public var version: String
    /// The largest payload (headers included) the server accepts, in bytes.
    public var maxPayload: Int
    /// Whether the server supports headers (`HPUB` / `HMSG`).
    public var headers: Bool
    /// Whether the server requires credentials.
    public var authRequired: Bool
    /// Whether the server requires TLS.
    public var tlsRequired: Bool
    /// Whether the server requires a client certificate.
    public var tlsVerify: Bool
    /// Client URLs of the other cluster members (`host:port`).
    public var connectURLs: [String]
    /// A nonce to sign when the server asks for nkey authentication.
    public var nonce: String?
    /// Whether the server is in lame duck mode and will shut down soon.
    public var lameDuckMode: Bool
    /// The id the server assigned to this client connection.
    public var clientID: UInt64?

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id", serverName = "server_name", version, maxPayload = "max_payload", headers
        case authRequired = "auth_required", tlsRequired = "tls_required", tlsVerify = "tls_verify"
        case connectURLs = "connect_urls", nonce, lameDuckMode = "ldm", clientID = "client_id"
    }

    /// Decodes an `INFO` JSON object; missing keys take NATS defaults, unknown keys are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        serverID = try c.decodeIfPresent(String.self, forKey: .serverID) ?? ""
        serverName = try c.decodeIfPresent(String.self, forKey: .serverName)
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        maxPayload = try c.decodeIfPresent(Int.self, forKey: .maxPayload) ?? Self.defaultMaxPayload
        headers = try c.decodeIfPresent(Bool.self, forKey: .headers) ?? false
        authRequired = try c.decodeIfPresent(Bool.self, forKey: .authRequired) ?? false
        tlsRequired = try c.decodeIfPresent(Bool.self, forKey: .tlsRequired) ?? false
        tlsVerify = try c.decodeIfPresent(Bool.self, forKey: .tlsVerify) ?? false
        connectURLs = try c.decodeIfPresent([String].self, forKey: .connectURLs) ?? []
        nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
        lameDuckMode = try c.decodeIfPresent(Bool.self, forKey: .lameDuckMode) ?? false
        clientID = try c.decodeIfPresent(UInt64.self, forKey: .clientID)
    }

    init() {
        serverID = ""
        version = ""
        maxPayload = Self.defaultMaxPayload
        headers = false
        authRequired = false
        tlsRequired = false
        tlsVerify = false
        connectURLs = []
        lameDuckMode = false
    }

    /// The NATS default `max_payload`, 1 MiB.
    public static let defaultMaxPayload = 1_048_576
}
