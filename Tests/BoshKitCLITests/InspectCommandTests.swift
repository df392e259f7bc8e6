import Foundation
import Testing

/// `boshkit inspect-release` and `inspect-stemcell`: golden files for the output, exact error text.
@Suite struct InspectCommandTests {
    static let releases = "Tests/ReleaseSpecTests/Fixtures/releases/"
    static let lightStemcell =
        "Tests/StemcellSpecTests/Fixtures/stemcells/light-bosh-stemcell-3001-aws-xen-hvm-centos-7-go_agent.tgz"

    @Test func releaseTable() async throws {
        let result = try await BoshKitProcess.run(["inspect-release", Self.releases + "simple-link-release-v1.0.tgz"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try BoshKitProcess.snapshot("inspect-release-simple-link.txt")))
    }

    @Test func releaseJSON() async throws {
        let result = try await BoshKitProcess.run(["inspect-release", "--json", Self.releases + "bosh-release-0+dev.1.tgz"])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("inspect-release-bosh-release.json")))
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["compile_order"] as? [String])?.count == 18)
        #expect(object?["uncommitted_changes"] as? Bool == true)
    }

    @Test func corruptReleaseExitsOneWithTheReason() async throws {
        let checksum = try await BoshKitProcess.run(["inspect-release", Self.releases + "release_invalid_checksum.tgz"])
        #expect(checksum.status == 1)
        #expect(checksum.stdout == "")
        #expect(
            checksum.stderr
                == "\(Self.releases)release_invalid_checksum.tgz: package 'stuff' (packages/stuff.tgz): expected digest '6bbd4a12e3a59e10b96ecb9aac3d73ec4f819782' but the archive's is '6bbd4a12e3a59e10b96ecb9aac3d73ec4f819783'\n"
        )
        let jobs = try await BoshKitProcess.run(["inspect-release", "--json", Self.releases + "release_invalid_jobs.tgz"])
        #expect(jobs.status == 1)
        #expect(
            jobs.stderr
                == "\(Self.releases)release_invalid_jobs.tgz: job 'broken' is listed in release.MF but jobs/broken.tgz is not in the tarball\n"
        )
        let notATarball = try await BoshKitProcess.run(["inspect-release", "Package.swift"])
        #expect(notATarball.status == 1)
        #expect(notATarball.stderr.hasPrefix("Package.swift: corrupt gzip stream"))
        let missing = try await BoshKitProcess.run(["inspect-release", "no/such.tgz"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "cannot read 'no/such.tgz': No such file or directory\n")
    }

    @Test func stemcellTableAndJSON() async throws {
        let table = try await BoshKitProcess.run(["inspect-stemcell", Self.lightStemcell])
        #expect(table.status == 0)
        #expect(table.stdout == (try BoshKitProcess.snapshot("inspect-stemcell-light.txt")))
        let json = try await BoshKitProcess.run(["inspect-stemcell", "--json", Self.lightStemcell])
        #expect(json.stdout == (try BoshKitProcess.snapshot("inspect-stemcell-light.json")))
        let notAStemcell = try await BoshKitProcess.run(["inspect-stemcell", Self.releases + "test_release.tgz"])
        #expect(notAStemcell.status == 1)
        #expect(notAStemcell.stderr == "\(Self.releases)test_release.tgz: stemcell.MF not found in the tarball\n")
    }

    @Test func helpText() async throws {
        let result = try await BoshKitProcess.run(["inspect-release", "--help"])
        #expect(result.stdout == (try BoshKitProcess.snapshot("inspect-release-help.txt")))
    }
}
