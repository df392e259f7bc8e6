import BoshArchive
import Foundation

/// A package's spec (`packages/<pkg>/spec`): its name, dependencies and the source files it is built from.
public struct PackageSpec: Hashable, Sendable {
    /// The package name.
    public var name: String
    /// The packages this one depends on.
    public var dependencies: [String]
    /// Glob patterns (`*`, `**`) of the files under `src/` or `blobs/`; trailing `# comments` removed.
    public var files: [String]
    /// Glob patterns of files to leave out.
    public var excludedFiles: [String]

    /// Reads a package spec.
    /// - Parameters:
    ///   - bytes: the YAML text.
    ///   - file: the name used in errors.
    public init(bytes: [UInt8], file: String = "spec") throws(ReleaseSpecError) {
        do { try self.init(parsing: bytes, file: file) } catch { throw ReleaseSpecError(error) }
    }

    private init(parsing bytes: [UInt8], file: String) throws(SpecFieldError) {
        let doc = try SpecDocument(bytes: bytes, file: file)
        guard let root = try doc.rootMapping(what: "a package spec") else {
            throw doc.problem("the package spec is empty")
        }
        name = try doc.requiredString(root, "name", path: "")
        dependencies = try doc.stringList(root, "dependencies", path: "")
        files = try doc.stringList(root, "files", path: "").map(Self.stripComment)
        excludedFiles = try doc.stringList(root, "excluded_files", path: "").map(Self.stripComment)
    }

    /// Creates a spec from its parts.
    public init(name: String, dependencies: [String] = [], files: [String] = [], excludedFiles: [String] = []) {
        self.name = name
        self.dependencies = dependencies
        self.files = files
        self.excludedFiles = excludedFiles
    }

    /// YAML already drops ` # comment` after a plain scalar; this handles quoted patterns that kept one.
    private static func stripComment(_ pattern: String) -> String {
        guard let range = pattern.range(of: " #") else { return pattern }
        return String(pattern[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
    }
}
