import BoshKitTestSupport
import Foundation
import ReleaseSpec
import Testing

/// A release with a 200 MiB package blob is read and verified with flat memory: `boshkit inspect-release`'s
/// own peak resident memory (measured in its process, not in the test process's shared heap) stays far below
/// the blob's size.
@Suite struct LargeReleaseMemoryTests {
    @Test func aTwoHundredMegabytePackageIsStreamed() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("large-release-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("large.tgz").path
        let measured = try await offCooperativePool { () throws -> PeakMemory.Measure in
            _ = try SyntheticRelease.write(to: path, smallPackages: 300, blobSize: 200 << 20)
            return try PeakMemory.boshkit(["inspect-release", path])
        }
        #expect(measured.status == 0)
        print("inspect-release of a 200 MiB blob: peak \(measured.peakKB) KiB")
        #expect(measured.peakKB < 120_000, "peak \(measured.peakKB) KiB for a 200 MiB blob")
    }
}
