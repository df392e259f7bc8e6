// The Swift samples of Documentation/ManifestDiff.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshYAML
import ManifestModel

enum ManifestDiffGuide {
    static func diff(deployedBytes: [UInt8], newBytes: [UInt8]) async throws {
        let old = try YAMLParser.parse(bytes: deployedBytes, file: "deployed.yml")
        let new = try YAMLParser.parse(bytes: newBytes, file: "manifest.yml")
        let diff = try ManifestDiff(old: old, new: new)          // redact: true by default
        print(diff.rendered(colour: false), terminator: "")       // "+ ", "- ", "  " before each line
        for line in diff.lines { _ = (line.indent, line.text, line.state) }   // .added / .removed / .unchanged
    }
}
