import BoshArchive
import BoshYAML
import Foundation
import Logging

/// Builds a dev release tarball from a release directory, as `bosh create-release --tarball` does.
///
/// The directory holds `config/final.yml` (the release `name`, or legacy `final_name`),
/// `jobs/<job>/{spec, monit, templates/…}`, `packages/<pkg>/{spec, packaging}` and the package sources under
/// `src/` and `blobs/` that each package spec's `files` globs select (minus `excluded_files`), and optionally
/// `LICENSE*`/`NOTICE*` files at the top. Fingerprints are ``Fingerprint``'s, equal to bosh-cli's; a job's
/// or package's `version` is its fingerprint, as bosh-cli records it.
///
/// The tarball holds `release.MF`, `jobs/<job>.tgz` (`job.MF` — the spec as written —, `monit`,
/// `templates/…`), `packages/<pkg>.tgz` (`packaging` and the selected files at their paths under `src/` or
/// `blobs/`) and `license.tgz` when there is a license; jobs and packages sorted by name. Archives have zero
/// timestamps, so building the same directory twice gives the same digests.
///
/// Building is synchronous file work (and one `git` run for the commit hash); from async code, call it off the
/// cooperative pool for large releases.
public enum ReleaseBuilder {
    /// The version a first dev release gets.
    public static let defaultVersion = "0+dev.1"

    /// Builds the release in `directory` into the tarball `output`, then reads it back and verifies it.
    /// - Parameters:
    ///   - directory: the release directory.
    ///   - name: the release name (`--name`); `config/final.yml`'s `name` when `nil`.
    ///   - version: the release version (`--version`); ``defaultVersion`` when `nil`.
    ///   - output: the tarball to write (parent directories are created; written to a temporary file in the
    ///     same directory, then renamed).
    ///   - algorithm: the digest of fingerprints and archives: `.sha256` as bosh-cli does today (archive
    ///     digests recorded as `sha256:<hex>`), `.sha1` as releases built before bosh-cli's switch.
    ///   - logger: where progress is logged (info: the release; debug: each job and package).
    /// - Returns: the release read back from `output` with ``ReleaseTarball/read(at:logger:)``.
    /// - Throws: ``ReleaseSpecError`` naming the file: no name, a missing or invalid spec, a job directory
    ///   whose spec names another job, a missing template or `packaging` file, a `files` glob that matches
    ///   nothing (`Missing files for pattern '…'`), a dependency on a package that does not exist, a
    ///   dependency cycle, an invalid name or version.
    @discardableResult
    public static func build(
        directory: String, name: String? = nil, version: String? = nil, to output: String,
        algorithm: Fingerprint.Algorithm = .sha256, logger: Logger = ReleaseTarball.quietLogger
    ) throws(ReleaseSpecError) -> Release {
        let root = (directory as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReleaseSpecError(.io, "release directory does not exist", file: directory)
        }
        let releaseName: String
        if let name { releaseName = name } else { releaseName = try Self.releaseName(in: root) }
        let releaseVersion = version ?? defaultVersion
        try checkIdentifier(releaseName, "release name", file: name == nil ? root + "/config/final.yml" : nil)
        try checkIdentifier(releaseVersion, "release version", file: nil)
        logger.info(
            "building release",
            metadata: ["directory": "\(root)", "name": "\(releaseName)", "version": "\(releaseVersion)"])

        let packages = try readPackages(root)
        let jobs = try readJobs(root, packages: packages)
        let license = try licenseFiles(root)

        let outputDirectory = ((output as NSString).standardizingPath as NSString).deletingLastPathComponent
        let staging = outputDirectory + "/.boshkit-release-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw ReleaseSpecError(.io, "cannot create directory '\(staging)': \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }

        var jobEntries: [ReleaseManifestText.Entry] = []
        var packageEntries: [ReleaseManifestText.Entry] = []
        var archives: [(name: String, path: String)] = []
        for job in jobs {
            let fingerprint = try Fingerprint.calculate(
                job.files, chunks: [], followSymlinks: true, algorithm: algorithm)
            let written = try ResourceArchive.write(
                job.files, followSymlinks: true, to: staging + "/job-\(job.name).tgz", algorithm: algorithm)
            jobEntries.append(
                .init(name: job.name, fingerprint: fingerprint, digest: written.digest, names: job.packages))
            archives.append(("jobs/\(job.name).tgz", written.path))
            logger.debug("job archived", metadata: ["job": "\(job.name)", "fingerprint": "\(fingerprint)"])
        }
        for package in packages {
            let fingerprint = try Fingerprint.calculate(
                package.files, chunks: package.spec.dependencies, followSymlinks: false, algorithm: algorithm)
            let written = try ResourceArchive.write(
                package.files, followSymlinks: false, to: staging + "/package-\(package.spec.name).tgz",
                algorithm: algorithm)
            packageEntries.append(
                .init(
                    name: package.spec.name, fingerprint: fingerprint, digest: written.digest,
                    names: package.spec.dependencies))
            archives.append(("packages/\(package.spec.name).tgz", written.path))
            logger.debug(
                "package archived", metadata: ["package": "\(package.spec.name)", "fingerprint": "\(fingerprint)"])
        }
        var licenseEntry: ReleaseManifestText.Entry?
        if !license.isEmpty {
            let fingerprint = try Fingerprint.calculate(
                license, chunks: [], followSymlinks: false, algorithm: algorithm)
            let written = try ResourceArchive.write(
                license, followSymlinks: false, to: staging + "/license.tgz", algorithm: algorithm)
            licenseEntry = .init(name: "license", fingerprint: fingerprint, digest: written.digest, names: [])
            archives.append(("license.tgz", written.path))
        }
        let manifest = try ReleaseManifestText.render(
            name: releaseName, version: releaseVersion, git: GitState.of(directory: root), jobs: jobEntries,
            packages: packageEntries, license: licenseEntry)

        let temporary = staging + "/release.tgz"
        try writeTarball(manifest: manifest, archives: archives, licenseFiles: license, to: temporary)
        guard rename(temporary, (output as NSString).standardizingPath) == 0 else {
            throw ReleaseSpecError(.io, "cannot write '\(output)': \(String(cString: strerror(errno)))", file: output)
        }
        let release = try ReleaseTarball.read(at: output, logger: logger)
        logger.info(
            "built release",
            metadata: [
                "tarball": "\(output)", "jobs": "\(release.jobs.count)", "packages": "\(release.packages.count)",
            ])
        return release
    }

    // MARK: - Reading the directory

    struct PackageSource {
        var directory: String
        var spec: PackageSpec
        var files: [Fingerprint.File]
    }

    struct JobSource {
        var name: String
        var packages: [String]
        var files: [Fingerprint.File]
    }

    /// The release name a build of `directory` gets without `name:`: `name` (or the legacy `final_name`) from
    /// its `config/final.yml`.
    /// - Throws: ``ReleaseSpecError`` naming the file when it is missing or names no release.
    public static func releaseName(of directory: String) throws(ReleaseSpecError) -> String {
        try releaseName(in: (directory as NSString).standardizingPath)
    }

    /// `name` (or legacy `final_name`, not both) from `config/final.yml`.
    static func releaseName(in root: String) throws(ReleaseSpecError) -> String {
        let path = root + "/config/final.yml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReleaseSpecError(
                .io, "cannot read '\(path)' for the release name (pass a name to use instead)", file: path)
        }
        do throws(SpecFieldError) {
            let doc = try SpecDocument(bytes: [UInt8](data), file: path)
            var name = ""
            var finalName = ""
            if let map = try doc.rootMapping(what: "config/final.yml") {
                name = try doc.string(map, "name", path: "") ?? ""
                finalName = try doc.string(map, "final_name", path: "") ?? ""
            }
            if !name.isEmpty && !finalName.isEmpty {
                throw doc.problem("Expected 'name' or 'final_name' but not both in config '\(path)'")
            }
            guard !(name + finalName).isEmpty else {
                throw doc.problem("Expected non-empty 'name' in config '\(path)'")
            }
            return name.isEmpty ? finalName : name
        } catch {
            throw ReleaseSpecError(error)
        }
    }

    /// Every `packages/<dir>` directory, sorted by package name, dependencies checked (existence, cycles).
    static func readPackages(_ root: String) throws(ReleaseSpecError) -> [PackageSource] {
        var packages: [PackageSource] = []
        for directory in subdirectories(root + "/packages") {
            if FileManager.default.fileExists(atPath: directory + "/spec.lock") {
                throw ReleaseSpecError(
                    .fingerprint,
                    "package has a spec.lock (a vendored package); building it needs its archive from the "
                        + "release's final builds, which is not supported",
                    file: directory + "/spec.lock")
            }
            let source = try Fingerprint.packageSource(at: directory, releaseDirectory: root)
            if FileManager.default.fileExists(atPath: directory + "/pre_packaging") {
                throw ReleaseSpecError(
                    .fingerprint, "pre_packaging scripts are not supported", file: directory + "/pre_packaging",
                    package: source.spec.name)
            }
            if let other = packages.first(where: { $0.spec.name == source.spec.name }) {
                throw ReleaseSpecError(
                    .invalidField, "package '\(source.spec.name)' is also declared by '\(other.directory)/spec'",
                    file: directory + "/spec", package: source.spec.name)
            }
            packages.append(PackageSource(directory: directory, spec: source.spec, files: source.files))
        }
        packages.sort { Array($0.spec.name.utf8).lexicographicallyPrecedes(Array($1.spec.name.utf8)) }
        let graph = PackageGraph(
            Dictionary(uniqueKeysWithValues: packages.map { ($0.spec.name, $0.spec.dependencies) }))
        do { _ = try graph.compileOrder() } catch {
            let spec = error.package.flatMap { name in packages.first { $0.spec.name == name } }
            throw ReleaseSpecError(
                error.kind, error.message, file: spec.map { $0.directory + "/spec" }, package: error.package)
        }
        return packages
    }

    /// Every `jobs/<dir>` directory, sorted by name; each job's packages must be in the release.
    static func readJobs(_ root: String, packages: [PackageSource]) throws(ReleaseSpecError) -> [JobSource] {
        let names = Set(packages.map(\.spec.name))
        var jobs: [JobSource] = []
        for directory in subdirectories(root + "/jobs") {
            let source = try Fingerprint.jobSource(at: directory)
            let name = source.spec.name ?? ""
            guard FileManager.default.fileExists(atPath: directory + "/monit") else {
                throw ReleaseSpecError(
                    .invalidJob, "job '\(name)' has no monit file (the director refuses a job without one)",
                    file: directory + "/monit", job: name)
            }
            for package in source.spec.packages where !names.contains(package) {
                throw ReleaseSpecError(
                    .dependency, "Expected to find package '\(package)' since it's a dependency of job '\(name)'",
                    file: directory + "/spec", job: name)
            }
            for file in source.files where !FileManager.default.fileExists(atPath: file.path) {
                throw ReleaseSpecError(
                    .invalidJob, "job '\(name)' lists template '\(file.relativePath)' but the file does not exist",
                    file: file.path, job: name)
            }
            jobs.append(JobSource(name: name, packages: source.spec.packages, files: source.files))
        }
        return jobs.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// `LICENSE*` and `NOTICE*` at the top of the release directory.
    static func licenseFiles(_ root: String) throws(ReleaseSpecError) -> [Fingerprint.File] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0.hasPrefix("LICENSE") || $0.hasPrefix("NOTICE") }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { return nil }
            return Fingerprint.File(path: root + "/" + name, relativePath: name, excludeMode: true)
        }
    }

    /// The directories (or symlinks to directories) directly under `path`, sorted; none when it is absent.
    private static func subdirectories(_ path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The director's `VALID_ID` rule: letters, digits, `-`, `_`, `+`, `.`.
    private static func checkIdentifier(_ value: String, _ what: String, file: String?) throws(ReleaseSpecError) {
        guard BoshIdentifier.isValid(value) else {
            throw ReleaseSpecError(
                .invalidField, "invalid \(what) \"\(value)\" (allowed: letters, digits, - _ + .)", file: file)
        }
    }

    // MARK: - Writing the tarball

    /// The release tarball: `release.MF`, `jobs/`, `packages/`, `license.tgz` and the license files, as
    /// bosh-cli lists them to tar.
    private static func writeTarball(
        manifest: [UInt8], archives: [(name: String, path: String)], licenseFiles: [Fingerprint.File],
        to path: String
    ) throws(ReleaseSpecError) {
        do {
            let tar = TarWriter(try GzipWriter(try FileByteSink(path: path)))
            try tar.addFile("release.MF", bytes: manifest)
            var directories: Set<String> = []
            for archive in archives {
                if let slash = archive.name.firstIndex(of: "/") {
                    let directory = String(archive.name[..<slash])
                    if directories.insert(directory).inserted { try tar.addDirectory(directory + "/") }
                }
                try copy(archive.path, as: archive.name, into: tar)
            }
            for file in licenseFiles { try copy(file.path, as: file.relativePath, into: tar) }
            try tar.finish()
        } catch let error as ReleaseSpecError {
            throw error
        } catch {
            throw ReleaseSpecError(.io, "cannot write release tarball '\(path)': \(error)", file: path)
        }
    }

    private static func copy(_ source: String, as name: String, into tar: TarWriter) throws {
        var info = stat()
        guard stat(source, &info) == 0 else {
            throw ReleaseSpecError(.io, "cannot read '\(source)': \(String(cString: strerror(errno)))", file: source)
        }
        try ResourceArchive.stream(source, size: Int64(info.st_size), as: name, mode: 0o644, into: tar)
    }
}
