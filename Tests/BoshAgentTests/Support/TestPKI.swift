import Foundation

/// The PKI directory, removed when the test process exits.
nonisolated(unsafe) private var pkiDirectoryToRemove: String?

/// A CA, a NATS server certificate as a BOSH director makes it (CN `default.nats.bosh-internal`, SAN
/// `*.nats.bosh-internal`, no IP) and client certificates for an agent and a director, made with the `openssl`
/// CLI in a temporary directory (EC P-256, valid for a day).
struct TestPKI: Sendable {
    let directory: String

    func path(_ name: String) -> String { directory + "/" + name }
    func pem(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// One set per test run, made on first use.
    private static let shared: Result<TestPKI, any Error> = Result { try generate() }

    static func get() async throws -> TestPKI { try await offPool { try shared.get() } }

    private static func generate() throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-pki-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        pkiDirectoryToRemove = directory
        atexit { if let directory = pkiDirectoryToRemove { try? FileManager.default.removeItem(atPath: directory) } }
        try pki.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", pki.path("ca.key"), "-out", pki.path("ca.pem"), "-days", "1", "-subj", "/CN=BoshAgent Test CA",
        ])
        try pki.leaf(
            "server", subject: "/CN=default.nats.bosh-internal",
            extensions: "subjectAltName=DNS:*.nats.bosh-internal\nextendedKeyUsage=serverAuth")
        try pki.leaf("agent", subject: "/CN=agent.bosh-internal", extensions: "extendedKeyUsage=clientAuth")
        try pki.leaf("director", subject: "/CN=director.bosh-internal", extensions: "extendedKeyUsage=clientAuth")
        return pki
    }

    private func leaf(_ name: String, subject: String, extensions: String) throws {
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject,
        ])
        try openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-out", path("\(name).pem"), "-days", "1", "-extfile", path("\(name).ext"),
        ])
    }

    private func openssl(_ arguments: [String]) throws { try runTool("/usr/bin/openssl", arguments) }
}
