import Foundation
import ReleaseSpec
import Testing

/// A release tarball that leaves out the packages the reader holds (what the bosh CLI uploads after
/// `POST /packages/matches`).
@Suite struct HeldPackageTests {
    @Test func aPackageLeftOutIsAcceptedOnlyWhenHeld() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("held-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        try ReleaseTarball.extract(Fixtures.release("dummy-release.tgz"), to: work + "/tree")
        let original = try ReleaseTarball.read(at: Fixtures.release("dummy-release.tgz"))
        let dropped = try #require(original.packages.first { $0.record.name == "dummy_package" })
        try FileManager.default.removeItem(atPath: work + "/tree/packages/dummy_package.tgz")
        let stripped = work + "/stripped.tgz"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-czf", stripped, "-C", work + "/tree", "."]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)

        let error = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: stripped) }
        #expect(error.kind == .missingArchive && error.package == "dummy_package")
        let other = try #require(throws: ReleaseSpecError.self) { try ReleaseTarball.read(at: stripped, heldPackages: ["not-it"]) }
        #expect(other.kind == .missingArchive)

        let fingerprint = dropped.record.fingerprint ?? dropped.record.version
        let release = try ReleaseTarball.read(at: stripped, heldPackages: [fingerprint])
        #expect(release.packages.map(\.record.name) == original.packages.map(\.record.name))
        #expect(release.packages.filter { !$0.isInTarball }.map(\.record.name) == ["dummy_package"])
        #expect(release.packages.first { !$0.isInTarball }?.archive.digest == dropped.record.sha1)
        // A held package that is present is read and verified as usual.
        #expect(try ReleaseTarball.read(at: Fixtures.release("dummy-release.tgz"), heldPackages: [fingerprint]).packages.allSatisfy(\.isInTarball))
    }
}
