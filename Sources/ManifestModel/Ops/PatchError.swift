import BoshYAML

/// Why an ops file could not be read or applied: which file, which operation (index and line), its path,
/// and go-patch's own reason.
public struct PatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of problem.
    public struct Kind: Hashable, Sendable {
        fileprivate enum Code: Hashable, Sendable { case definition, apply, yaml }
        fileprivate let code: Code
        /// The ops file is malformed (not a list, unknown type, bad path, missing value …).
        public static let definition = Kind(code: .definition)
        /// An operation did not apply to the document.
        public static let apply = Kind(code: .apply)
        /// The ops file is not valid YAML.
        public static let yaml = Kind(code: .yaml)
    }

    /// What kind of problem.
    public let kind: Kind
    /// The ops file.
    public let file: String
    /// The operation's index in its file, when the problem is about one operation.
    public let operationIndex: Int?
    /// Where the operation starts in the ops file.
    public let mark: SourceMark?
    /// The operation's type and path as written (`replace /instance_groups/name=web`).
    public let operation: String?
    /// The message go-patch (and so `bosh int`) gives for the same problem, verbatim.
    public let goPatchMessage: String

    init(_ kind: Kind, file: String, operationIndex: Int?, mark: SourceMark?, operation: String?, message: String) {
        self.kind = kind
        self.file = file
        self.operationIndex = operationIndex
        self.mark = mark
        self.operation = operation
        self.goPatchMessage = message
    }

    /// `file:line:column: operation [i] (replace /path): reason`.
    public var description: String {
        var out = file
        if let mark { out += ":\(mark.line):\(mark.column)" }
        out += ": "
        if kind == .apply, let operationIndex {
            out += "operation [\(operationIndex)]"
            if let operation { out += " (\(operation))" }
            out += ": "
        }
        return out + goPatchMessage
    }
}
