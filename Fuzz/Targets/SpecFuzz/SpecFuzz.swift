// libFuzzer target: the input as release.MF, as a job spec (job.MF / `spec`) and as stemcell.MF.
import ReleaseSpec
import StemcellSpec

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    _ = try? ReleaseManifest(bytes: bytes)
    _ = try? JobSpec(bytes: bytes)
    _ = try? StemcellManifest(bytes: bytes)
    return 0
}
