// libFuzzer target: the director's manifest diff between the two halves of the input ("\n---\n"), redacted and
// not, rendered.
import ManifestModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n---\n", maxSplits: 1, omittingEmptySubsequences: false)
    let old = String(parts[0])
    let new = parts.count > 1 ? String(parts[1]) : ""
    for redact in [true, false] {
        if let diff = try? ManifestDiff(old: old, oldFile: "old", new: new, newFile: "new", redact: redact) {
            _ = diff.rendered()
        }
    }
    return 0
}
