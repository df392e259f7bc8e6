import BoshYAML

/// One thing wrong with a manifest or config: where (file, line:column, manifest path) and why.
public struct ManifestProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file the problem is in.
    public var file: String
    /// The source position of the offending node, when it has one.
    public var mark: SourceMark?
    /// The manifest path in go-patch pointer form, e.g. `/instance_groups/name=web/networks`.
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(file: String, mark: SourceMark?, path: String, message: String) {
        self.file = file
        self.mark = mark
        self.path = path
        self.message = message
    }

    /// `file:line:column: /path: message`.
    public var description: String {
        let location = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(location): \(path): \(message)"
    }
}

/// Collects problems while a document is decoded and validated.
final class ProblemSink: @unchecked Sendable {
    var problems: [ManifestProblem] = []
}
