// libFuzzer target: `((variables))` interpolation of a manifest (before the first "\n---\n") with a vars file
// (after it), as `bosh int -l` does, then printed.
import BoshYAML
import ManifestModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVariables(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n---\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let manifest = try? YAMLParser.parse(String(parts[0]), file: "manifest") else { return 0 }
    var sources = VariableSources()
    if parts.count > 1, let vars = try? YAMLParser.parse(String(parts[1]), file: "vars") { try? sources.addVarsFile(vars) }
    try? sources.addKeyValue("fuzz=((fuzz))")
    guard let result = try? Interpolator.interpolate(manifest, sources: sources) else { return 0 }
    _ = try? result.tree.emit(style: .boshInt)
    return 0
}
