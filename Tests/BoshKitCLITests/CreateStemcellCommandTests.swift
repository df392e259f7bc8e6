import Foundation
import Testing

/// `boshkit create-stemcell`: a local stemcell that reads back verified; bad names are refused.
@Suite struct CreateStemcellCommandTests {
    @Test func writesALocalStemcellThatInspects() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-stemcell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tarball = directory + "/stemcell.tgz"
        let created = try await BoshKitProcess.run(["create-stemcell", "--os", "ubuntu-jammy", "--version", "1.5", "--tarball", tarball])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasSuffix("Stemcell tarball: \(tarball)\n"))
        let inspected = try await BoshKitProcess.run(["inspect-stemcell", "--json", tarball])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any]
        #expect(manifest?["name"] as? String == "bosh-local-ubuntu-jammy-go_agent")
        #expect(manifest?["version"] as? String == "1.5")
        #expect(manifest?["operating_system"] as? String == "ubuntu-jammy")
        #expect(manifest?["stemcell_formats"] as? [String] == ["local"])
        #expect(created.stdout.hasPrefix(try await BoshKitProcess.run(["inspect-stemcell", tarball]).stdout))
    }

    @Test func aBadOperatingSystemIsRefused() async throws {
        let result = try await BoshKitProcess.run(["create-stemcell", "--os", "ubuntu jammy", "--tarball", "/tmp/never.tgz"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("invalid stemcell operating system \"ubuntu jammy\""), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.tgz"))
    }
}
