import ArgumentParser
import BoshYAML
import Foundation
import ManifestModel

/// `boshkit int`: apply ops files, interpolate variables and print the result as `bosh int` does.
struct IntCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "int",
        abstract: "Interpolate a manifest (ops files, variables) and print it the way `bosh int` prints it."
    )

    @Argument(help: "Path to the YAML file.")
    var file: String

    @Option(name: [.short, .customLong("ops-file")], help: "Apply an ops file (repeatable, in order).")
    var opsFiles: [String] = []

    @OptionGroup var variables: VariableFlags

    @Option(name: .customLong("path"), help: "Print only the value at this go-patch pointer.")
    var path: String?

    func run() async throws {
        let input = try ManifestInput.interpolated(file, opsFiles: opsFiles, variables: variables)
        let result = input.result
        // int reads any YAML: only a document that looks like a deployment manifest or a cloud config is
        // checked for unknown keys.
        // Placing the warnings after ops files means printing the result and reading it back: done only when
        // the result has unknown keys at all.
        if let kind = ManifestChecks.kind(of: result.tree), ManifestChecks.hasUnknownKeys(result.tree, kind: kind) {
            ManifestChecks.print(ManifestChecks.unknownKeys(input, tree: try input.located(), kind: kind))
        }
        try CLIFailure.reporting {
            guard let path else {
                FileHandle.standardOutput.write(Data(try result.tree.emitBytes(style: .boshInt)))
                return
            }
            let pointer: PatchPointer
            do { pointer = try PatchPointer(path) } catch { throw CLIFailure("--path '\(path)': \(error)") }
            let found = try PatchDocument(result.tree).find(pointer)
            if found.kind == .scalar, case .string(let s)? = found.scalar {
                FileHandle.standardOutput.write(Data((s + "\n").utf8))
            } else {
                FileHandle.standardOutput.write(Data(try found.tree.emitBytes(found.id, style: .boshInt)))
            }
        }
    }
}
