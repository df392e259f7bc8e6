import NIOSSL

/// How the client secures its connection: trust roots, a client certificate for mutual TLS, and how the
/// server's certificate name is checked.
///
/// BOSH agents connect to an IP address and accept any server certificate signed by the director's CA that
/// names `*.nats.bosh-internal`:
///
/// ```swift
/// let tls = NatsTLSOptions(
///     trustRoots: .pem(caPEM),
///     clientCertificate: .pem(certPEM), privateKey: .pem(keyPEM),
///     serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal"))
/// ```
public struct NatsTLSOptions: Sendable {
    /// PEM data held in memory or a PEM file on disk.
    public enum Source: Sendable, Hashable {
        /// PEM text in memory.
        case pem(String)
        /// A PEM file path.
        case file(String)
    }

    /// How the server certificate's identity is checked after its chain has been verified against the roots.
    public enum ServerNameCheck: Sendable {
        /// The certificate must name the host of the server URL (a DNS name or an IP address SAN).
        case urlHost
        /// The certificate must name `name` (whatever host was dialled), like Go's `tls.Config.ServerName`.
        /// The name is also sent as SNI.
        case name(String)
        /// The certificate must carry a DNS name (SAN or common name) matching `pattern`; a leading `*.`
        /// matches exactly one label, so `*.nats.bosh-internal` accepts `default.nats.bosh-internal` or a
        /// certificate whose own name is the wildcard `*.nats.bosh-internal`.
        case certificateNames(matching: String)
        /// A predicate on the verified peer certificate; `false` refuses the server.
        case custom(@Sendable (NatsPeerCertificate) -> Bool)
    }

    /// The CA certificates that sign the server certificate; `nil` uses the system trust store.
    public var trustRoots: Source?
    /// The client certificate chain presented for mutual TLS.
    public var clientCertificate: Source?
    /// The private key of ``clientCertificate``.
    public var privateKey: Source?
    /// How the server certificate's name is checked.
    public var serverNameCheck: ServerNameCheck
    /// The lowest TLS version accepted (BOSH requires 1.2).
    public var minimumTLSVersion: TLSVersion

    /// Creates TLS options.
    /// - Parameters:
    ///   - trustRoots: CA certificates for the server chain; `nil` means the system roots.
    ///   - clientCertificate: the client certificate (chain) for mutual TLS.
    ///   - privateKey: its private key.
    ///   - serverNameCheck: how the server certificate's identity is checked.
    ///   - minimumTLSVersion: the lowest TLS version offered.
    public init(
        trustRoots: Source? = nil, clientCertificate: Source? = nil, privateKey: Source? = nil,
        serverNameCheck: ServerNameCheck = .urlHost, minimumTLSVersion: TLSVersion = .tlsv12
    ) {
        self.trustRoots = trustRoots
        self.clientCertificate = clientCertificate
        self.privateKey = privateKey
        self.serverNameCheck = serverNameCheck
        self.minimumTLSVersion = minimumTLSVersion
    }
}

/// The names in a server's leaf certificate, handed to ``NatsTLSOptions/ServerNameCheck/custom(_:)``.
public struct NatsPeerCertificate: Sendable, Hashable {
    /// The subject common name, if any.
    public var commonName: String?
    /// DNS subject alternative names.
    public var dnsNames: [String]
    /// IP address subject alternative names, in text form.
    public var ipAddresses: [String]
    /// The certificate in DER.
    public var der: [UInt8]

    /// Creates a peer description (for tests of custom checks).
    public init(commonName: String?, dnsNames: [String], ipAddresses: [String], der: [UInt8] = []) {
        self.commonName = commonName
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.der = der
    }
}
