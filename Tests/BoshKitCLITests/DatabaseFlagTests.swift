import Foundation
import Testing

/// `--database`: another SQLite file, and clear errors for a bad URL or an unreachable server.
@Suite struct DatabaseFlagTests {
    @Test func deploymentsOnAnotherSQLiteFileCreateItThere() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-db-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await BoshKitProcess.run(
            ["deployments", "--state", directory + "/state", "--database", "sqlite:\(directory)/elsewhere/director.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("0 deployments\n"))
        #expect(FileManager.default.fileExists(atPath: directory + "/elsewhere/director.db"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/state/director.db"))
    }

    @Test func aBadURLAndAnUnreachableServerAreClearErrors() async throws {
        let bad = try await BoshKitProcess.run(["deployments", "--database", "mysql://bosh:hunter2@h/db"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not a database URL: expected sqlite:PATH or postgres://"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("hunter2"))
        let down = try await BoshKitProcess.run(["deployments", "--database", "postgres://bosh:hunter2@127.0.0.1:1/bosh"])
        #expect(down.status != 0)
        #expect(down.stderr.contains("Database 'postgres://bosh@127.0.0.1:1/bosh': cannot be opened"), "\(down.stderr)")
        #expect(!down.stderr.contains("hunter2"))
    }
}
