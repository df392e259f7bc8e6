import BoshArchive
import BoshYAML

/// Why a release tarball, manifest or spec could not be read, with the context to act on it: the file,
/// the job or package, the expected and actual digest, the path and position of a bad field.
///
/// A struct around a private code, so new cases are additive; match on ``kind``.
public struct ReleaseSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad kind of an error, for programmatic matching.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Code: String, Hashable, Sendable {
            case archive, yaml, invalidField, missingManifest, missingArchive, digestMismatch, invalidDigest
            case invalidJob, dependency, cycle, fingerprint, io
        }
        fileprivate let code: Code
        /// The tarball (or one nested in it) is truncated, corrupt, or has an unsafe entry.
        public static let archive = Kind(code: .archive)
        /// A manifest or spec is not valid YAML.
        public static let yaml = Kind(code: .yaml)
        /// A field is missing or has the wrong type or form.
        public static let invalidField = Kind(code: .invalidField)
        /// The tarball has no `release.MF`.
        public static let missingManifest = Kind(code: .missingManifest)
        /// A job, package or license listed in `release.MF` has no archive in the tarball.
        public static let missingArchive = Kind(code: .missingArchive)
        /// An archive's digest differs from the one `release.MF` records.
        public static let digestMismatch = Kind(code: .digestMismatch)
        /// A digest string cannot be parsed or names no supported algorithm.
        public static let invalidDigest = Kind(code: .invalidDigest)
        /// A job archive is incomplete or inconsistent (no job.MF, a missing template or monit file …).
        public static let invalidJob = Kind(code: .invalidJob)
        /// A package depends on one that does not exist, or a job needs a package the release lacks.
        public static let dependency = Kind(code: .dependency)
        /// Packages depend on each other in a cycle.
        public static let cycle = Kind(code: .cycle)
        /// A release directory cannot be fingerprinted (missing files for a pattern, no packaging …).
        public static let fingerprint = Kind(code: .fingerprint)
        /// A file could not be read.
        public static let io = Kind(code: .io)
        public var description: String { code.rawValue }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// What is wrong, in words (without the file prefix).
    public let message: String
    /// The file the problem is in (a tarball path, or `tarball:jobs/x.tgz:job.MF`).
    public let file: String?
    /// Where in ``file``, when the problem is at a YAML node.
    public let mark: SourceMark?
    /// The job the problem is about.
    public let job: String?
    /// The package the problem is about.
    public let package: String?
    /// The digest `release.MF` records, for a mismatch.
    public let expectedDigest: String?
    /// The digest computed from the archive, for a mismatch.
    public let actualDigest: String?

    init(
        _ kind: Kind, _ message: String, file: String? = nil, mark: SourceMark? = nil, job: String? = nil,
        package: String? = nil, expectedDigest: String? = nil, actualDigest: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.mark = mark
        self.job = job
        self.package = package
        self.expectedDigest = expectedDigest
        self.actualDigest = actualDigest
    }

    /// `file:line:column: message` (or `file: message`, or just the message).
    public var description: String { locatedMessage(message, file: file, mark: mark) }

    /// The same error reported against another file name (used for files nested in a tarball).
    func inFile(_ name: String) -> ReleaseSpecError {
        ReleaseSpecError(
            kind, message, file: name, mark: mark, job: job, package: package, expectedDigest: expectedDigest,
            actualDigest: actualDigest)
    }

    /// The same error attributed to a job.
    func forJob(_ name: String) -> ReleaseSpecError {
        ReleaseSpecError(
            kind, message, file: file, mark: mark, job: name, package: package, expectedDigest: expectedDigest,
            actualDigest: actualDigest)
    }

    init(_ error: SpecFieldError) {
        self.init(error.isYAML ? .yaml : .invalidField, error.message, file: error.file, mark: error.mark)
    }
}
