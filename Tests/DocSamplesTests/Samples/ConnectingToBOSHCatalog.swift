// The Swift samples of Sources/NatsClient/NatsClient.docc/ConnectingToBOSH.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import Logging
import NatsClient

/// Stands in for the agent's TLS material, read from its settings.
struct TLSMaterial {
    var caPEM = "", certificatePEM = "", privateKeyPEM = ""
}

enum ConnectingToBOSHCatalog {
    static func connect(settings: TLSMaterial, agentID: String, logger: Logger) async throws {
        let tls = NatsTLSOptions(
            trustRoots: .pem(settings.caPEM),
            clientCertificate: .pem(settings.certificatePEM),
            privateKey: .pem(settings.privateKeyPEM),
            serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal"))
        let options = NatsClientOptions(servers: ["nats://10.0.0.6:4222"], tls: tls, name: "agent-\(agentID)")
        let client = try await NatsClient.connect(options, logger: logger)
        _ = client
    }
}
