import BoshDirectorStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A SQLite store on a small tmpfs of its own: a read-only state directory and a full disk give errors that
/// name the database, and leave the committed state readable and whole. Needs root (mount), as CI runs.
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct FileSystemFailureTests {
    /// Mounts a tmpfs of `size` at a new directory, runs `body`, unmounts.
    private func withTmpfs(size: String, _ body: (String) async throws -> Void) async throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-fs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer {
            _ = try? Self.run("/bin/umount", [mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint])
        try await body(mountPoint)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("\(executable) \(arguments) exited \(process.terminationStatus)") }
        return process.terminationStatus
    }

    @Test func aReadOnlyStateDirectoryIsNamed() async throws {
        try await withTmpfs(size: "4m") { root in
            let path = root + "/director.db"
            let store = try await DirectorStore.open(sqlitePath: path)
            try await store.save(DeploymentRecord(name: "hello"))
            await store.close()
            try Self.run("/bin/mount", ["-o", "remount,ro", root])
            do {
                _ = try await DirectorStore.open(sqlitePath: path)
                Issue.record("a read-only database was opened for writing")
            } catch let error as StoreError {
                #expect(error.description.hasPrefix("Database 'sqlite:\(path)': cannot be opened: "), "\(error)")
                #expect(error.description.contains("not writable"), "\(error)")
            }
            try Self.run("/bin/mount", ["-o", "remount,rw", root])
            let again = try await DirectorStore.open(sqlitePath: path)
            #expect(try await again.deploymentNames() == ["hello"])
            await again.close()
        }
    }

    @Test func aFullDiskFailsTheWriteAndKeepsWhatWasCommitted() async throws {
        try await withTmpfs(size: "1m") { root in
            let path = root + "/director.db"
            let store = try await DirectorStore.open(sqlitePath: path)
            let task = try await store.createTask(type: "noop", description: "fills the disk")
            let chunk = [UInt8](repeating: 0x41, count: 64 * 1024)
            var written = 0
            var failure: StoreError?
            for _ in 0..<64 {
                do {
                    try await store.appendOutput(chunk, to: task.id, kind: .debug)
                    written += chunk.count
                } catch let error as StoreError {
                    failure = error
                    break
                }
            }
            let error = try #require(failure, "1 MiB took 4 MiB of output")
            #expect(error.description.hasPrefix("Database 'sqlite:\(path)': "), "\(error)")
            #expect(error.description.contains("full"), "\(error)")
            // What was committed is there, whole; the failed append left nothing.
            #expect(try await store.output(of: task.id, kind: .debug).size == written)
            await store.close()
            let reopened = try await DirectorStore.open(sqlitePath: path)
            #expect(try await reopened.output(of: task.id, kind: .debug).size == written)
            await reopened.close()
        }
    }
}
