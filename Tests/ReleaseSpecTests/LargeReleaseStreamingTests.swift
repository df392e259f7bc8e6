import Foundation
import ReleaseSpec
import Testing

/// Hundreds of packages and a 200 MB package blob: read and verified. (That reading keeps memory flat is
/// measured in a process of its own, where other tests' allocations do not count:
/// `BoshKitCLITests.LargeReleaseMemoryTests`.)
@Suite struct LargeReleaseStreamingTests {
    @Test(.timeLimit(.minutes(1)))
    func twoHundredMegabytePackageStreams() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blobSize: Int64 = 200 << 20
        let summary = try SyntheticRelease.write(to: dir + "/large.tgz", smallPackages: 300, blobSize: blobSize)
        let release = try ReleaseTarball.read(at: summary.path)
        #expect(release.packages.count == 301)
        #expect(release.package(named: "big")?.archive.size == blobSize)
        #expect(try release.compileOrder(forJobs: ["all"]).count == 301)
    }
}
