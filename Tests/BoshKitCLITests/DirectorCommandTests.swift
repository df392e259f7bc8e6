import Foundation
import Testing

#if canImport(Glibc)
import Glibc
import BoshKitTestSupport
#endif

/// `boshkit director start|env`: the API process starts, tells where it listens, prints its environment, and
/// stops on SIGTERM.
@Suite struct DirectorCommandTests {
    @Test func startEnvAndStop() async throws {
        try await offCooperativePool { try self.startEnvAndStopBlocking() }
    }

    private func startEnvAndStopBlocking() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-director-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let before = try BoshKitProcess.runBlocking(["director", "env", "--state", state])
        #expect(before.status != 0)
        #expect(before.stderr.contains("run `boshkit director start --state \(state)` first"), "\(before.stderr)")

        let server = Process()
        server.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        server.arguments = ["director", "start", "--state", state, "--port", "0", "--log-level", "error"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let endpoint = state + "/director/endpoint.json"
        #expect(LocalDeployment.eventually(60) { FileManager.default.fileExists(atPath: endpoint) })
        let recorded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: endpoint))) as? [String: Any]
        let port = try #require(recorded?["port"] as? Int)
        #expect(port > 0)

        let env = try BoshKitProcess.runBlocking(["director", "env", "--state", state])
        #expect(env.status == 0, "\(env.stderr)")
        let lines = env.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "export BOSH_ENVIRONMENT='https://127.0.0.1:\(port)'")
        #expect(env.stdout.contains("export BOSH_CA_CERT='-----BEGIN CERTIFICATE-----\n"))
        #expect(env.stdout.contains("export BOSH_CLIENT='admin'\n"))
        #expect(env.stdout.contains("export BOSH_CLIENT_SECRET='"))
        // The credentials are private.
        var info = stat()
        #expect(stat(state + "/director/creds.yml", &info) == 0 && info.st_mode & 0o077 == 0)

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: endpoint))
    }
}
