// libFuzzer target: an ops file (after the first "\n---\n" of the input; before it, the manifest) applied to
// the manifest, then printed as `bosh int` prints. Also every `path:` as a pointer on its own.
import BoshYAML
import Foundation
import ManifestModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOps(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n---\n", maxSplits: 1, omittingEmptySubsequences: false)
    let manifestText = parts.count > 1 ? String(parts[0]) : "name: fuzz\ninstance_groups: [{name: web, jobs: []}]\n"
    let opsText = String(parts.last ?? "")
    for line in opsText.split(separator: "\n") where line.contains("path:") {
        _ = try? PatchPointer(String(line.split(separator: "path:", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces))
    }
    guard let manifest = try? YAMLParser.parse(manifestText, file: "manifest"),
        let ops = try? OpsFile(yaml: opsText, file: "ops")
    else { return 0 }
    var document = PatchDocument(manifest)
    guard (try? document.apply([ops])) != nil else { return 0 }
    _ = try? document.result.emit(style: .boshInt)
    return 0
}
