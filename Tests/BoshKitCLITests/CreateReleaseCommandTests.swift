import Foundation
import Testing

/// `boshkit create-release`: the example release builds and inspects; errors name the directory.
@Suite struct CreateReleaseCommandTests {
    @Test func exampleReleaseBuildsAndInspects() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("create-release-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tarball = dir + "/hello.tgz"
        let result = try await BoshKitProcess.run([
            "create-release", "Examples/hello/release", "--tarball", tarball, "--version", "0+dev.3",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Name         hello\nVersion      0+dev.3\n"))
        #expect(result.stdout.contains("hello-server/") && result.stdout.hasSuffix("Release tarball: \(tarball)\n"))
        let inspected = try await BoshKitProcess.run(["inspect-release", "--json", tarball])
        #expect(inspected.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any]
        #expect(object?["compile_order"] as? [String] == ["hello-lib", "hello-server"])

        let named = try await BoshKitProcess.run([
            "create-release", "Examples/hello/release", "--tarball", dir + "/legacy.tgz", "--name", "hi", "--sha1",
        ])
        #expect(named.status == 0)
        #expect(named.stdout.hasPrefix("Name         hi\nVersion      0+dev.1\n"))
    }

    @Test func missingDirectoryFails() async throws {
        let result = try await BoshKitProcess.run(["create-release", "Examples/nowhere", "--tarball", "/tmp/never.tgz"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasSuffix("Examples/nowhere: release directory does not exist\n"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.tgz"))
    }
}
