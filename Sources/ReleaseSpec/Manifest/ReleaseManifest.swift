import BoshArchive
import BoshYAML

/// A release's `release.MF`: what the tarball holds and the digest of every archive in it.
///
/// Versions, fingerprints and digests keep their YAML source text (`version: 0.1` is `"0.1"`), and legacy
/// `!binary` base64 values are decoded, as bosh-cli reads them.
public struct ReleaseManifest: Hashable, Sendable {
    /// The release name.
    public var name: String
    /// The release version as written.
    public var version: String
    /// The commit the release was built from (`non-git` outside git), when recorded.
    public var commitHash: String?
    /// Whether the tree had uncommitted changes, when recorded.
    public var uncommittedChanges: Bool?
    /// The jobs, in manifest order.
    public var jobs: [JobRecord]
    /// The source packages, in manifest order (empty for a compiled release).
    public var packages: [PackageRecord]
    /// The compiled packages, in manifest order (empty for a source release).
    public var compiledPackages: [PackageRecord]
    /// The license archive's record, when the release has one.
    public var license: LicenseRecord?
    /// Whether this is a compiled release (`compiled_packages` is present, as the director decides).
    public var isCompiled: Bool

    /// A job as `release.MF` lists it.
    public struct JobRecord: Hashable, Sendable {
        /// The job name (also its archive name `jobs/<name>.tgz`).
        public var name: String
        /// The job version (deprecated; equal to the fingerprint in new releases).
        public var version: String
        /// The fingerprint of the job's source (opaque: old releases use versions like `1a`).
        public var fingerprint: String?
        /// The archive digest: sha1 hex or the multi-digest form (`sha256:…`, `;`-separated).
        public var sha1: String
        /// The packages the job needs, when the CLI recorded them.
        public var packages: [String]
    }

    /// A source or compiled package as `release.MF` lists it.
    public struct PackageRecord: Hashable, Sendable {
        /// The package name (also its archive name).
        public var name: String
        /// The package version (deprecated; equal to the fingerprint in new releases).
        public var version: String
        /// The fingerprint of the package's source.
        public var fingerprint: String?
        /// The archive digest: sha1 hex or the multi-digest form.
        public var sha1: String
        /// The names of the packages this one depends on.
        public var dependencies: [String]
        /// For compiled packages: the stemcell slug `<os>/<version>` it was compiled on.
        public var stemcell: String?
    }

    /// The license archive's record.
    public struct LicenseRecord: Hashable, Sendable {
        /// The license version.
        public var version: String?
        /// The license fingerprint.
        public var fingerprint: String?
        /// The archive digest.
        public var sha1: String
    }

    /// The packages of the release, source or compiled.
    public var allPackages: [PackageRecord] { isCompiled ? compiledPackages : packages }
}

extension ReleaseManifest {
    /// Reads a `release.MF`.
    /// - Parameters:
    ///   - bytes: the YAML text.
    ///   - file: the name used in errors.
    public init(bytes: [UInt8], file: String = "release.MF") throws(ReleaseSpecError) {
        do { try self.init(parsing: bytes, file: file) } catch { throw ReleaseSpecError(error) }
    }

    private init(parsing bytes: [UInt8], file: String) throws(SpecFieldError) {
        let doc = try SpecDocument(bytes: bytes, file: file)
        guard let root = try doc.rootMapping(what: "release.MF") else {
            throw doc.problem("release.MF is empty")
        }
        name = try doc.requiredString(root, "name", path: "")
        version = try doc.requiredString(root, "version", path: "")
        commitHash = try doc.string(root, "commit_hash", path: "")
        uncommittedChanges = try doc.bool(root, "uncommitted_changes", path: "")
        jobs = []
        for (i, item) in try doc.sequence(root, "jobs", path: "").enumerated() {
            let path = "/jobs/\(i)"
            let map = try doc.itemMapping(item, path: path)
            jobs.append(
                JobRecord(
                    name: try doc.requiredString(map, "name", path: path),
                    version: try doc.requiredString(map, "version", path: path),
                    fingerprint: try doc.string(map, "fingerprint", path: path),
                    sha1: try doc.requiredString(map, "sha1", path: path),
                    packages: try doc.stringList(map, "packages", path: path)))
        }
        packages = try Self.packageRecords(doc, root, key: "packages", compiled: false)
        isCompiled = doc.tree.value(root, forKey: "compiled_packages") != nil
        compiledPackages = try Self.packageRecords(doc, root, key: "compiled_packages", compiled: true)
        if let licenseID = doc.tree.value(root, forKey: "license"), !doc.isNull(licenseID) {
            let map = try doc.itemMapping(licenseID, path: "/license")
            license = LicenseRecord(
                version: try doc.string(map, "version", path: "/license"),
                fingerprint: try doc.string(map, "fingerprint", path: "/license"),
                sha1: try doc.requiredString(map, "sha1", path: "/license"))
        }
        try validateIdentifiers(doc, root)
    }

    private static func packageRecords(
        _ doc: SpecDocument, _ root: YAMLTree.NodeID, key: String, compiled: Bool
    ) throws(SpecFieldError) -> [PackageRecord] {
        var records: [PackageRecord] = []
        for (i, item) in try doc.sequence(root, key, path: "").enumerated() {
            let path = "/\(key)/\(i)"
            let map = try doc.itemMapping(item, path: path)
            records.append(
                PackageRecord(
                    name: try doc.requiredString(map, "name", path: path),
                    version: try doc.requiredString(map, "version", path: path),
                    fingerprint: try doc.string(map, "fingerprint", path: path),
                    sha1: try doc.requiredString(map, "sha1", path: path),
                    dependencies: try doc.stringList(map, "dependencies", path: path),
                    stemcell: compiled ? try doc.requiredString(map, "stemcell", path: path) : nil))
        }
        return records
    }

    /// The director's `VALID_ID` rule for release, job and package names and versions.
    private func validateIdentifiers(_ doc: SpecDocument, _ root: YAMLTree.NodeID) throws(SpecFieldError) {
        func check(_ value: String, _ what: String) throws(SpecFieldError) {
            // Empty values are reported by the required-field checks.
            guard value.isEmpty || BoshIdentifier.isValid(value) else {
                throw doc.problem(
                    "invalid \(what) in release manifest: \"\(value)\" (allowed: letters, digits, - _ + .)")
            }
        }
        try check(name, "release name")
        try check(version, "release version")
        for (i, job) in jobs.enumerated() {
            try check(job.name, "job \(i + 1) name")
            try check(job.version, "job \(i + 1) version")
        }
        for (i, package) in allPackages.enumerated() {
            try check(package.name, "package \(i + 1) name")
            try check(package.version, "package \(i + 1) version")
        }
    }
}
