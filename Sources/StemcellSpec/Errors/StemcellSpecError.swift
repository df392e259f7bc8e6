import BoshArchive
import BoshYAML

/// Why a stemcell tarball or manifest could not be read, or why no uploaded stemcell matches a
/// deployment's `stemcells:` entry. A struct around a private code; match on ``kind``.
public struct StemcellSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of an error, for programmatic matching.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case archive, yaml, invalidField, missingManifest, digestMismatch, noMatch, io
        }
        fileprivate let code: Code
        /// The tarball is truncated, corrupt, or has an unsafe entry.
        public static let archive = Kind(code: .archive)
        /// `stemcell.MF` is not valid YAML.
        public static let yaml = Kind(code: .yaml)
        /// A field of `stemcell.MF` (or of a `stemcells:` entry) is missing or has the wrong type.
        public static let invalidField = Kind(code: .invalidField)
        /// The tarball has no `stemcell.MF`.
        public static let missingManifest = Kind(code: .missingManifest)
        /// A full stemcell's image does not match the manifest's `sha1`.
        public static let digestMismatch = Kind(code: .digestMismatch)
        /// No uploaded stemcell matches the requested name or OS and version.
        public static let noMatch = Kind(code: .noMatch)
        /// A file could not be read.
        public static let io = Kind(code: .io)
        public var description: String { code.rawValue }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// What is wrong, in words.
    public let message: String
    /// The file the problem is in, when there is one.
    public let file: String?
    /// Where in ``file``, for a bad field.
    public let mark: SourceMark?
    /// The digest `stemcell.MF` records, for a mismatch.
    public let expectedDigest: String?
    /// The digest computed from the image, for a mismatch.
    public let actualDigest: String?

    init(
        _ kind: Kind, _ message: String, file: String? = nil, mark: SourceMark? = nil, expectedDigest: String? = nil,
        actualDigest: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.mark = mark
        self.expectedDigest = expectedDigest
        self.actualDigest = actualDigest
    }

    init(_ error: SpecFieldError) {
        self.init(error.isYAML ? .yaml : .invalidField, error.message, file: error.file, mark: error.mark)
    }

    /// `file:line:column: message` (or `file: message`, or just the message).
    public var description: String { locatedMessage(message, file: file, mark: mark) }
}
