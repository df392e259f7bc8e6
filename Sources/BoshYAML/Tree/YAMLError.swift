/// An error reading YAML: what is wrong and where (`file:line:column: message`).
///
/// Errors are a struct around a private code so new kinds can be added without breaking API;
/// compare them through ``kind``.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of an error, for programmatic matching.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: Hashable, Sendable {
            case syntax, duplicateKey, unknownAlias, recursiveAlias, mergeNotMap, tooDeep, invalidUTF8, emit, excessiveAliasing,
                tooLarge
        }
        fileprivate let code: Code
        /// Malformed YAML (bad indentation, a tab, an unterminated quote …).
        public static let syntax = Kind(code: .syntax)
        /// A mapping defines the same key twice.
        public static let duplicateKey = Kind(code: .duplicateKey)
        /// An alias names an anchor that was never defined (or is defined later).
        public static let unknownAlias = Kind(code: .unknownAlias)
        /// An alias refers to a node that contains it.
        public static let recursiveAlias = Kind(code: .recursiveAlias)
        /// A merge key `<<` whose value is not a mapping or a sequence of mappings.
        public static let mergeNotMap = Kind(code: .mergeNotMap)
        /// The document nests deeper than ``YAMLParser/maximumDepth``.
        public static let tooDeep = Kind(code: .tooDeep)
        /// The input is not valid UTF-8.
        public static let invalidUTF8 = Kind(code: .invalidUTF8)
        /// The emitter could not write the tree.
        public static let emit = Kind(code: .emit)
        /// Aliases expand the document beyond yaml.v2's bound (`document contains excessive aliasing`): an alias
        /// bomb.
        public static let excessiveAliasing = Kind(code: .excessiveAliasing)
        /// The input is larger than ``YAMLParser/maximumInputSize``.
        public static let tooLarge = Kind(code: .tooLarge)
        public var description: String { "\(code)" }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The file (or a name for the input) the error is in.
    public let file: String
    /// Where in ``file`` the problem is, when known.
    public let mark: SourceMark?
    /// What is wrong, in words.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, file: String, mark: SourceMark?, message: String) {
        self.kind = kind
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String {
        if let mark { return "\(file):\(mark.line):\(mark.column): \(message)" }
        return "\(file): \(message)"
    }
}
