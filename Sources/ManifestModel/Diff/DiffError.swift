import BoshYAML

/// Why two documents could not be diffed: `file:line:column: message`.
///
/// A struct around a private code, so new reasons can be added without breaking API; match on ``kind``.
public struct DiffError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad reason, for programmatic matching.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: Hashable, Sendable { case yaml, notAMap, kindMismatch, unloadable, unsupported }
        fileprivate let code: Code
        /// The text is not valid YAML.
        public static let yaml = Kind(code: .yaml)
        /// The document's root is not a map.
        public static let notAMap = Kind(code: .notAMap)
        /// The two documents are of different kinds (a deployment manifest and a cloud config, say).
        public static let kindMismatch = Kind(code: .kindMismatch)
        /// A value the director's YAML loader refuses (an unquoted date or time).
        public static let unloadable = Kind(code: .unloadable)
        /// A shape the director itself cannot diff (it answers "Unable to diff manifest").
        public static let unsupported = Kind(code: .unsupported)
        /// The kind's name (`yaml`, `notAMap` …).
        public var description: String { "\(code)" }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The file the problem is in.
    public let file: String
    /// Where in ``file``, when known.
    public let mark: SourceMark?
    /// What is wrong, in words.
    public let message: String

    init(_ kind: Kind, file: String, mark: SourceMark?, message: String) {
        self.kind = kind
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// Wraps a YAML syntax error.
    init(_ error: YAMLError) {
        self.init(.yaml, file: error.file, mark: error.mark, message: error.message)
    }

    /// `file:line:column: message`.
    public var description: String {
        if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
        return "\(file): \(message)"
    }
}
