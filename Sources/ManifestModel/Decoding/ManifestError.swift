import BoshYAML

/// Why a manifest or config could not be read: its YAML is malformed, or it has one or more problems
/// (each with its path and source position).
public struct ManifestError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case yaml(YAMLError)
        case invalid
        case empty
    }

    private let code: Code
    /// Every problem found, in document order.
    public let problems: [ManifestProblem]
    /// The file the error is about.
    public let file: String

    /// The YAML error, when the text could not be parsed at all.
    public var yamlError: YAMLError? {
        if case .yaml(let e) = code { return e }
        return nil
    }

    static func yaml(_ error: YAMLError) -> ManifestError {
        ManifestError(code: .yaml(error), problems: [], file: error.file)
    }

    static func invalid(_ problems: [ManifestProblem], file: String) -> ManifestError {
        ManifestError(code: .invalid, problems: problems, file: file)
    }

    static func empty(file: String, kind: String) -> ManifestError {
        ManifestError(
            code: .empty,
            problems: [ManifestProblem(file: file, mark: nil, path: "/", message: "the \(kind) is empty")], file: file)
    }

    /// One line per problem.
    public var description: String {
        if case .yaml(let e) = code { return e.description }
        return problems.map(\.description).joined(separator: "\n")
    }
}
