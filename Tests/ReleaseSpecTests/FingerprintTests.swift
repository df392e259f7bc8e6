import Foundation
import ReleaseSpec
import Testing

/// Fingerprints recomputed from a release directory match what `bosh create-release` recorded.
@Suite struct FingerprintTests {
    @Test(arguments: ["simple-link-release-v1.0.tgz", "simple-link-release-v2.0.tgz"])
    func legacySHA1FingerprintsRecompute(_ file: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let release = try Fixtures.releaseDirectory(from: Fixtures.release(file), in: dir)
        for job in release.jobs {
            #expect(
                try Fingerprint.job(at: dir + "/jobs/" + job.record.name, algorithm: .sha1) == job.record.fingerprint)
        }
        for package in release.packages {
            let fingerprint = try Fingerprint.package(at: dir + "/packages/" + package.record.name, algorithm: .sha1)
            #expect(fingerprint == package.record.fingerprint)
        }
    }

    @Test func sha256FingerprintsAreHexAndChangeWithContent() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Fixtures.releaseDirectory(from: Fixtures.release("simple-link-release-v1.0.tgz"), in: dir)
        let before = try Fingerprint.package(at: dir + "/packages/pkg_2")
        #expect(before.count == 64 && before.allSatisfy(\.isHexDigit))
        try "changed".write(toFile: dir + "/src/pkg_2/sweeper_file_1.txt", atomically: true, encoding: .utf8)
        #expect(try Fingerprint.package(at: dir + "/packages/pkg_2") != before)
        // Making a file executable changes the mode chunk, hence the fingerprint.
        let job = try Fingerprint.job(at: dir + "/jobs/api_server")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/jobs/api_server/monit")
        #expect(try Fingerprint.job(at: dir + "/jobs/api_server") != job)
    }

    @Test func errorsFromTheDirectory() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/jobs/web", withIntermediateDirectories: true)
        try "name: other\n".write(toFile: dir + "/jobs/web/spec", atomically: true, encoding: .utf8)
        let mismatch = try #require(throws: ReleaseSpecError.self) { try Fingerprint.job(at: dir + "/jobs/web") }
        #expect(mismatch.message == "job directory 'web' does not match job name 'other' in spec")
        try fm.createDirectory(atPath: dir + "/packages/p", withIntermediateDirectories: true)
        try "name: p\nfiles: [nothing/**/*]\n".write(
            toFile: dir + "/packages/p/spec", atomically: true, encoding: .utf8)
        try "".write(toFile: dir + "/packages/p/packaging", atomically: true, encoding: .utf8)
        let missing = try #require(throws: ReleaseSpecError.self) { try Fingerprint.package(at: dir + "/packages/p") }
        #expect(missing.message == "Missing files for pattern 'nothing/**/*'")
        #expect(missing.file == dir + "/packages/p/spec" && missing.package == "p")
    }
}
