import AgentProtocol
import NatsClient

/// How an agent connects to NATS from its settings, as bosh-agent does.
public enum AgentMbus {
    /// The certificate name BOSH agents require of the NATS server, whatever address they dial.
    public static let serverNamePattern = "*.nats.bosh-internal"

    /// Connection options for `settings`: the mbus URLs (`env.bosh.mbus.urls`, else `mbus`), mutual TLS from the
    /// PEM texts in `env.bosh.mbus.cert` when present (server name checked against ``serverNamePattern``), and
    /// reconnecting forever.
    /// - Throws: ``AgentFailure`` when the settings name no NATS URL or carry an incomplete certificate.
    public static func natsOptions(for settings: AgentSettings) throws -> NatsClientOptions {
        let urls = settings.mbusURLs()
        guard !urls.isEmpty else { throw AgentFailure("agent settings have no mbus URL") }
        var options = NatsClientOptions(
            servers: urls, name: "boshkit-agent.\(settings.agentID)", connectTimeout: .seconds(10),
            maxReconnectAttempts: nil, reconnectWait: .seconds(1))
        if let cert = settings.mbusCertificate(), cert.ca != nil || cert.certificate != nil || cert.privateKey != nil {
            guard let ca = cert.ca, let certificate = cert.certificate, let key = cert.privateKey else {
                throw AgentFailure("env.bosh.mbus.cert needs ca, certificate and private_key together")
            }
            options.tls = NatsTLSOptions(
                trustRoots: .pem(ca), clientCertificate: .pem(certificate), privateKey: .pem(key),
                serverNameCheck: .certificateNames(matching: serverNamePattern))
        }
        return options
    }
}
