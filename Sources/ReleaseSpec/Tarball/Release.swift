/// A release read from its tarball: `release.MF`, every job's spec and files, and every package archive,
/// each archive's digest verified against the manifest.
public struct Release: Sendable {
    /// The tarball the release was read from.
    public var tarball: String
    /// The release manifest.
    public var manifest: ReleaseManifest
    /// The jobs in manifest order.
    public var jobs: [ReleaseJob]
    /// The packages (source or compiled) in manifest order.
    public var packages: [ReleasePackage]
    /// The license archive, when the release lists one and the tarball has it.
    public var license: ArchiveDigest?

    /// The job called `name`.
    public func job(named name: String) -> ReleaseJob? { jobs.first { $0.record.name == name } }

    /// The package called `name`.
    public func package(named name: String) -> ReleasePackage? { packages.first { $0.record.name == name } }
}

/// What was computed for one archive inside the release tarball.
public struct ArchiveDigest: Hashable, Sendable {
    /// The archive's path in the tarball, e.g. `jobs/web.tgz`.
    public var path: String
    /// The archive's size in bytes.
    public var size: Int64
    /// The digest computed from the archive, in the form `release.MF` uses (sha1 hex or `sha256:hex`).
    public var digest: String
}

/// A job of a release: its `release.MF` record, its spec (`job.MF`) and its files.
public struct ReleaseJob: Sendable {
    /// The job as `release.MF` lists it.
    public var record: ReleaseManifest.JobRecord
    /// The job's spec.
    public var spec: JobSpec
    /// The job archive's files other than `job.MF` (`monit`, `templates/…`), by path, with their content.
    public var files: [String: [UInt8]]
    /// The verified archive.
    public var archive: ArchiveDigest

    /// The content of a template's source file.
    public func templateSource(_ template: JobTemplate) -> [UInt8]? {
        files[(spec.usesLegacyConfiguration ? "config/" : "templates/") + template.source]
    }
}

/// A package of a release: its `release.MF` record and its verified archive (never held in memory).
public struct ReleasePackage: Hashable, Sendable {
    /// The package as `release.MF` lists it.
    public var record: ReleaseManifest.PackageRecord
    /// The verified archive; for a package left out of the tarball (``isInTarball`` false), its path and the
    /// digest `release.MF` records, size 0.
    public var archive: ArchiveDigest
    /// `false` for a package the tarball left out because the reader said it is held already (the `bosh` CLI
    /// leaves out the packages the director matched).
    public var isInTarball = true
}
