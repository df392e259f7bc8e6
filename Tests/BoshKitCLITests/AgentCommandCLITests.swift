import Foundation
import Testing

/// `boshkit agent`: argument checks and settings errors (the running agent is tested in BoshAgentTests).
@Suite struct AgentCommandCLITests {
    @Test func unreadableSettingsExitOneNamingTheFile() async throws {
        let missing = "/nonexistent-\(UUID().uuidString)/settings.json"
        let result = try await BoshKitProcess.run(["agent", "--settings", missing, "--root", NSTemporaryDirectory()])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("boshkit agent: "), "\(result.stderr)")
        #expect(result.stderr.contains(missing))
    }

    @Test func settingsWithAnotherBlobstoreProviderAreRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = directory.appendingPathComponent("settings.json")
        try #"{"agent_id": "a1", "mbus": "nats://127.0.0.1:1", "blobstore": {"provider": "dav", "options": {}}}"#
            .write(to: settings, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["agent", "--settings", settings.path])
        #expect(result.status == 1)
        #expect(result.stderr == "boshkit agent: blobstore provider 'dav' is not supported (only 'local')\n")
    }

    @Test func aNonPositiveHeartbeatIntervalIsAUsageError() async throws {
        let result = try await BoshKitProcess.run(["agent", "--settings", "x.json", "--heartbeat-interval", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--heartbeat-interval must be positive"))
    }
}
