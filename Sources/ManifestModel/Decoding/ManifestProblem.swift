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
    /// Whether the problem stops the document from being used (``Severity/error``) or is only worth saying
    /// (``Severity/warning``: BOSH accepts the document, as it accepts an unknown key).
    public var severity: Severity

    /// How serious a problem is.
    public enum Severity: String, Hashable, Sendable {
        /// The document cannot be used as it is.
        case error
        /// BOSH accepts the document, but it is probably not what was meant (an unknown key, for example).
        case warning
    }

    /// Creates a problem.
    public init(file: String, mark: SourceMark?, path: String, message: String, severity: Severity = .error) {
        self.file = file
        self.mark = mark
        self.path = path
        self.message = message
        self.severity = severity
    }

    /// `file:line:column: /path: message`, or `file:line:column: warning: /path: message` for a warning.
    /// A node built in memory (line 0, such as a value given with `-v`) has no position: `file: /path: message`.
    public var description: String {
        let location = mark.flatMap { $0.line > 0 ? "\(file):\($0.line):\($0.column)" : nil } ?? file
        return severity == .warning ? "\(location): warning: \(path): \(message)" : "\(location): \(path): \(message)"
    }
}

/// Collects problems while a document is decoded and validated.
final class ProblemSink: @unchecked Sendable {
    var problems: [ManifestProblem] = []
}
