import Foundation

/// Test PKI generated once per test run with the `openssl` command (EC P-256, valid for a day).
///
/// - `ca` signs `serverIP` (SAN IP 127.0.0.1), `serverBosh` (CN `default.nats.bosh-internal`, SAN
///   `*.nats.bosh-internal`, no IP — like a BOSH director's NATS certificate) and `client`.
/// - `otherCA` signs `otherClient`, a client certificate the servers must refuse.
struct TestCertificates: Sendable {
    let directory: String

    var caFile: String { path("ca.pem") }
    var otherCAFile: String { path("other-ca.pem") }
    var serverIPCert: String { path("server-ip.pem") }
    var serverIPKey: String { path("server-ip.key") }
    var serverBoshCert: String { path("server-bosh.pem") }
    var serverBoshKey: String { path("server-bosh.key") }
    var clientCert: String { path("client.pem") }
    var clientKey: String { path("client.key") }
    var otherClientCert: String { path("other-client.pem") }
    var otherClientKey: String { path("other-client.key") }

    func path(_ name: String) -> String { directory + "/" + name }

    func pem(_ file: String) throws -> String { try String(contentsOfFile: file, encoding: .utf8) }

    /// The shared set, created on first use.
    static let shared: Result<TestCertificates, any Error> = Result { try generate() }

    static func get() async throws -> TestCertificates { try await offPool { try shared.get() } }

    private static func generate() throws -> TestCertificates {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nats-pki-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let certs = TestCertificates(directory: dir)
        try certs.makeCA("ca", subject: "/CN=BoshKit Test CA")
        try certs.makeCA("other-ca", subject: "/CN=Other CA")
        try certs.makeLeaf(
            "server-ip", ca: "ca", subject: "/CN=127.0.0.1",
            extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth")
        try certs.makeLeaf(
            "server-bosh", ca: "ca", subject: "/CN=default.nats.bosh-internal",
            extensions: "subjectAltName=DNS:*.nats.bosh-internal\nextendedKeyUsage=serverAuth")
        try certs.makeLeaf(
            "client", ca: "ca", subject: "/CN=director.bosh-internal", extensions: "extendedKeyUsage=clientAuth")
        try certs.makeLeaf(
            "other-client", ca: "other-ca", subject: "/CN=intruder", extensions: "extendedKeyUsage=clientAuth")
        return certs
    }

    private func makeCA(_ name: String, subject: String) throws {
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-days", "1", "-subj", subject,
        ])
    }

    private func makeLeaf(_ name: String, ca: String, subject: String, extensions: String) throws {
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject,
        ])
        try openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).pem"), "-CAkey", path("\(ca).key"),
            "-CAcreateserial", "-out", path("\(name).pem"), "-days", "1", "-extfile", path("\(name).ext"),
        ])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: ["openssl": arguments.joined(separator: " ")])
        }
    }

    /// A server TLS block for nats-server; `verify` requires client certificates (mutual TLS).
    func serverConfig(cert: String, key: String, verify: Bool) -> String {
        """
        tls {
          cert_file: "\(cert)"
          key_file: "\(key)"
          ca_file: "\(caFile)"
          verify: \(verify)
          timeout: 10
        }
        """
    }
}
