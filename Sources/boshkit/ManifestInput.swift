import BoshYAML
import Foundation
import ManifestModel

/// A manifest as the CLI reads it: ops files applied in order, then variables interpolated.
enum ManifestInput {
    static func interpolated(
        _ file: String, opsFiles: [String] = [], variables: VariableFlags
    ) throws -> Interpolator.Result {
        try CLIFailure.reporting {
            var document = PatchDocument(try CLIInput.parseYAML(atPath: file))
            for opsPath in opsFiles {
                let ops = try OpsFile(tree: try CLIInput.parseYAML(atPath: opsPath))
                try document.apply(ops.operations)
            }
            let result = try Interpolator.interpolate(
                document.result, sources: try variables.sources(),
                options: .init(expectAllKeys: variables.varErrs, expectAllVarsUsed: variables.varErrsUnused))
            for warning in result.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
            return result
        }
    }
}
