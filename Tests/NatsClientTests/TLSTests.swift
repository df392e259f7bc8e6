import NatsClient
import Testing

@Suite("TLS and mutual TLS")
struct TLSTests {
    static func tlsServer(bosh: Bool = false, verify: Bool) async throws -> NatsServerProcess.Configuration {
        let certs = try await TestCertificates.get()
        let config = bosh
            ? certs.serverConfig(cert: certs.serverBoshCert, key: certs.serverBoshKey, verify: verify)
            : certs.serverConfig(cert: certs.serverIPCert, key: certs.serverIPKey, verify: verify)
        return NatsServerProcess.Configuration(configText: config)
    }

    @Test func serverVerifiedWithGivenCA() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(verify: false)) { server in
            let options = testOptions([server.url]) { $0.tls = NatsTLSOptions(trustRoots: .file(certs.caFile)) }
            let client = try await NatsClient.connect(options, logger: testLogger)
            #expect(client.serverInfo.tlsRequired)
            let sub = try await client.subscribe(to: "secure")
            try await client.publish("over tls", to: "secure")
            #expect(try await collect(sub, count: 1).map(\.string) == ["over tls"])
            await client.close()
        }
    }

    @Test func clientWithWrongTrustRootsRefusesServer() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(verify: false)) { server in
            let options = testOptions([server.url]) { $0.tls = NatsTLSOptions(trustRoots: .file(certs.otherCAFile)) }
            await #expect(throws: NatsError.tlsFailure) { _ = try await NatsClient.connect(options, logger: testLogger) }
        }
    }

    @Test func mutualTLSWithPEMInMemory() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(verify: true)) { server in
            let tls = NatsTLSOptions(
                trustRoots: .pem(try certs.pem(certs.caFile)), clientCertificate: .pem(try certs.pem(certs.clientCert)),
                privateKey: .pem(try certs.pem(certs.clientKey)))
            let client = try await NatsClient.connect(testOptions([server.url]) { $0.tls = tls }, logger: testLogger)
            #expect(client.serverInfo.tlsVerify)
            let reply = try await withTimeout(15) {
                let sub = try await client.subscribe(to: "m")
                try await client.publish("mtls", to: "m")
                return try await collect(sub, count: 1)
            }
            #expect(reply.map(\.string) == ["mtls"])
            await client.close()
        }
    }

    @Test func mutualTLSRefusesClientWithoutCertificate() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(verify: true)) { server in
            let options = testOptions([server.url]) { $0.tls = NatsTLSOptions(trustRoots: .file(certs.caFile)) }
            await #expect(throws: NatsError.self) { _ = try await NatsClient.connect(options, logger: testLogger) }
        }
    }

    @Test func mutualTLSRefusesClientCertificateFromAnotherCA() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(verify: true)) { server in
            let tls = NatsTLSOptions(
                trustRoots: .file(certs.caFile), clientCertificate: .file(certs.otherClientCert),
                privateKey: .file(certs.otherClientKey))
            await #expect(throws: NatsError.self) {
                _ = try await NatsClient.connect(testOptions([server.url]) { $0.tls = tls }, logger: testLogger)
            }
        }
    }

    @Test func plainClientIsRefusedByTLSServer() async throws {
        try await withNatsServer(try await Self.tlsServer(verify: false)) { server in
            // No TLS options: the client still upgrades because INFO says tls_required, but with system roots
            // the test CA is unknown, so verification fails.
            await #expect(throws: NatsError.tlsFailure) {
                _ = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            }
        }
    }

    /// BOSH: the agent dials an IP, the certificate names `*.nats.bosh-internal` and no IP.
    @Test func boshStyleNameCheckOverIPAddress() async throws {
        let certs = try await TestCertificates.get()
        try await withNatsServer(try await Self.tlsServer(bosh: true, verify: true)) { server in
            func options(_ check: NatsTLSOptions.ServerNameCheck) -> NatsClientOptions {
                testOptions([server.url]) {
                    $0.tls = NatsTLSOptions(
                        trustRoots: .file(certs.caFile), clientCertificate: .file(certs.clientCert),
                        privateKey: .file(certs.clientKey), serverNameCheck: check)
                }
            }
            await #expect(throws: NatsError.tlsFailure) {
                _ = try await NatsClient.connect(options(.urlHost), logger: testLogger)
            }
            let byPattern = try await NatsClient.connect(
                options(.certificateNames(matching: "*.nats.bosh-internal")), logger: testLogger)
            try await byPattern.flush()
            await byPattern.close()
            let byName = try await NatsClient.connect(options(.name("default.nats.bosh-internal")), logger: testLogger)
            try await byName.flush()
            await byName.close()
            let custom = try await NatsClient.connect(
                options(.custom { $0.commonName == "default.nats.bosh-internal" }), logger: testLogger)
            try await custom.flush()
            await custom.close()
            await #expect(throws: NatsError.tlsFailure) {
                _ = try await NatsClient.connect(
                    options(.certificateNames(matching: "*.other.bosh-internal")), logger: testLogger)
            }
        }
    }
}
