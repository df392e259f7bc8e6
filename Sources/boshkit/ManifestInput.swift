import BoshYAML
import Foundation
import ManifestModel

/// A manifest as the CLI reads it: ops files applied in order, then variables interpolated; and where to say a
/// problem in the result is, so that the user can find it.
///
/// Without ops files a position is in the file the user wrote (a value that came from a variable is placed
/// at its `((placeholder))`). Ops files move and add nodes, so after them a position is in the result, the
/// text `boshkit int` prints for the same flags, and the document is named so:
/// `manifest.yml -o ops.yml (lines as boshkit int prints it)`.
struct ManifestInput {
    /// The file the user named.
    let file: String
    /// The ops files, in order.
    let opsFiles: [String]
    /// The file as written, before ops files and variables.
    let written: YAMLTree
    /// Ops files applied, variables interpolated.
    let result: Interpolator.Result

    /// The interpolated document.
    var tree: YAMLTree { result.tree }

    /// The name problems give the document: the user's file, or one saying positions are in the result of
    /// applying the ops files.
    var label: String {
        opsFiles.isEmpty ? file : "\(file) -o \(opsFiles.joined(separator: " -o ")) (lines as boshkit int prints it)"
    }

    /// Reads `file`, applies `opsFiles` and interpolates; interpolation warnings go to stderr.
    static func interpolated(_ file: String, opsFiles: [String] = [], variables: VariableFlags) throws -> ManifestInput {
        try CLIFailure.reporting {
            let written = try CLIInput.parseYAML(atPath: file)
            var document = PatchDocument(written)
            for opsPath in opsFiles {
                let ops = try OpsFile(tree: try CLIInput.parseYAML(atPath: opsPath, as: .opsFile))
                try document.apply(ops.operations)
            }
            let sources = try variables.sources()
            let result: Interpolator.Result
            do {
                result = try Interpolator.interpolate(
                    document.result, sources: sources,
                    options: .init(expectAllKeys: variables.varErrs, expectAllVarsUsed: variables.varErrsUnused))
            } catch let error as VariablesError {
                throw CLIFailure(VariableErrorText.boshV7(error.message))
            }
            for warning in result.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
            return ManifestInput(file: file, opsFiles: opsFiles, written: written, result: result)
        }
    }

    /// The document to check, its positions where ``label`` says they are: the interpolated tree itself
    /// without ops files, the `bosh int` text of the result read back with them.
    func located() throws -> YAMLTree {
        guard !opsFiles.isEmpty else { return tree }
        return try CLIFailure.reporting { try YAMLParser.parse(bytes: try tree.emitBytes(style: .boshInt), file: label) }
    }

    /// Problems found in ``located()``, with a value that came from a variable placed at its placeholder in
    /// the file the user wrote (without ops files; with them, positions are already in the result).
    func locate(_ problems: [ManifestProblem]) -> [ManifestProblem] {
        guard opsFiles.isEmpty, let root = written.root else { return problems }
        return problems.map { problem in
            guard let mark = Self.placeholder(on: problem.path, in: written, from: root) else { return problem }
            var moved = problem
            moved.mark = mark
            return moved
        }
    }

    /// The position of the `((variable))` scalar found walking `path` in the written tree, if the walk meets one.
    static func placeholder(on path: String, in tree: YAMLTree, from root: YAMLTree.NodeID) -> SourceMark? {
        var node = root
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            if tree.kind(node) == .scalar { break }
            let token = String(raw).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch tree.kind(node) {
            case .mapping:
                guard let next = tree.value(node, forKey: token) else { return nil }
                node = next
            case .sequence:
                let items = tree.items(node)
                if token.hasPrefix("name="), let item = items.first(where: { item in
                    tree.kind(item) == .mapping
                        && tree.value(item, forKey: "name").map { tree.canonicalText($0) } == String(token.dropFirst(5))
                }) {
                    node = item
                } else if let index = Int(token), items.indices.contains(index) {
                    node = items[index]
                } else {
                    return nil
                }
            case .scalar:
                break
            }
        }
        guard tree.kind(node) == .scalar, tree.canonicalText(node).contains("((") else { return nil }
        return tree.mark(node)
    }
}
