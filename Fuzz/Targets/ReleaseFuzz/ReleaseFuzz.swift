// libFuzzer target: the input as a release tarball (gzip, tar, pax, release.MF, job archives and their job.MF),
// read and verified, then extracted under a scratch directory (nothing may land outside it).
import Foundation
import ReleaseSpec

private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("release-fuzz-\(getpid())").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRelease(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let tarball = scratch + ".tgz"
    FileManager.default.createFile(atPath: tarball, contents: Data(bytes: data ?? UnsafePointer(bitPattern: 1)!, count: size))
    _ = try? ReleaseTarball.read(at: tarball)
    if (try? ReleaseTarball.extract(tarball, to: scratch)) != nil {
        // Everything written is under the scratch directory.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("release-fuzz-escape").path
        if FileManager.default.fileExists(atPath: outside) { fatalError("an entry escaped the extraction directory") }
    }
    try? FileManager.default.removeItem(atPath: scratch)
    return 0
}
