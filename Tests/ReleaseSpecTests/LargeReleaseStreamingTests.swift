import Foundation
import ReleaseSpec
import Testing

/// Hundreds of packages and a 200 MB package blob: read and verified with flat memory.
@Suite struct LargeReleaseStreamingTests {
    /// Peak resident set size of this process so far (`VmHWM`), in bytes.
    static func peakRSS() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    @Test(.timeLimit(.minutes(1)))
    func twoHundredMegabytePackageStreams() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blobSize: Int64 = 200 << 20
        let summary = try SyntheticRelease.write(to: dir + "/large.tgz", smallPackages: 300, blobSize: blobSize)
        let before = try Self.peakRSS()
        let release = try ReleaseTarball.read(at: summary.path)
        let after = try Self.peakRSS()
        #expect(release.packages.count == 301)
        #expect(release.package(named: "big")?.archive.size == blobSize)
        #expect(try release.compileOrder(forJobs: ["all"]).count == 301)
        // Streaming: the peak grows by buffers, not by the 200 MB blob (generous bound for parallel tests).
        print("large release: peak RSS \(before >> 20) MiB before reading, \(after >> 20) MiB after")
        #expect(after - before < 48 << 20, "peak RSS grew by \((after - before) >> 20) MiB")
    }
}
