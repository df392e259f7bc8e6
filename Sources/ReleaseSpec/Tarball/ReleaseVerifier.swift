import BoshArchive

/// Checks a scanned tarball against its manifest: every listed archive present and matching its digest,
/// every job archive complete (job.MF, templates, monit) and consistent with `release.MF`.
struct ReleaseVerifier {
    let scan: ReleaseScan
    let manifest: ReleaseManifest
    /// Fingerprints of packages that may be absent (held elsewhere).
    var heldPackages: Set<String> = []

    func verify() throws -> Release {
        var jobs: [ReleaseJob] = []
        for record in manifest.jobs {
            let archive = try verifiedArchive(.job(record.name), digest: record.sha1, what: "job '\(record.name)'")
            let (spec, files) = try jobContents(record, path: archive.path)
            jobs.append(ReleaseJob(record: record, spec: spec, files: files, archive: archive))
        }
        var packages: [ReleasePackage] = []
        for record in manifest.allPackages {
            let role: ReleaseScan.Role = manifest.isCompiled ? .compiledPackage(record.name) : .package(record.name)
            let path = ReleaseScan.archivePath(of: role)
            if scan.hashed[path] == nil, heldPackages.contains(record.fingerprint ?? record.version) {
                var held = ReleasePackage(record: record, archive: ArchiveDigest(path: path, size: 0, digest: record.sha1))
                held.isInTarball = false
                packages.append(held)
                continue
            }
            let archive = try verifiedArchive(role, digest: record.sha1, what: "package '\(record.name)'")
            packages.append(ReleasePackage(record: record, archive: archive))
        }
        var license: ArchiveDigest?
        if let record = manifest.license, scan.hashed["license.tgz"] != nil {
            license = try verifiedArchive(.license, digest: record.sha1, what: "license")
        }
        let release = Release(
            tarball: scan.tarball, manifest: manifest, jobs: jobs, packages: packages, license: license)
        try checkPackageReferences(release)
        return release
    }

    private func verifiedArchive(_ role: ReleaseScan.Role, digest recorded: String, what: String) throws
        -> ArchiveDigest
    {
        let path = ReleaseScan.archivePath(of: role)
        let (job, package) = Self.names(role)
        guard let hashed = scan.hashed[path] else {
            throw ReleaseSpecError(
                .missingArchive, "\(what) is listed in release.MF but \(path) is not in the tarball",
                file: scan.tarball, job: job, package: package)
        }
        let expected: MultipleDigest
        do { expected = try MultipleDigest(parsing: recorded) } catch {
            throw ReleaseSpecError(
                .invalidDigest, "\(what): \(error.message)", file: scan.tarball, job: job, package: package)
        }
        let actual: String?
        do { actual = try expected.mismatch(in: hashed.digests) } catch {
            throw ReleaseSpecError(
                .invalidDigest, "\(what): \(error.message)", file: scan.tarball, job: job, package: package)
        }
        if let actual {
            throw ReleaseSpecError(
                .digestMismatch,
                "\(what) (\(path)): expected digest '\(expected.strongest!.rendered)' but the archive's is '\(actual)'",
                file: scan.tarball, job: job, package: package, expectedDigest: recorded, actualDigest: actual)
        }
        let piece = expected.strongest!
        return ArchiveDigest(path: path, size: hashed.size, digest: piece.rendered)
    }

    private func jobContents(_ record: ReleaseManifest.JobRecord, path: String) throws -> (JobSpec, [String: [UInt8]]) {
        let name = record.name
        let files: ReleaseScan.JobFiles
        do {
            guard let result = scan.jobFiles[name] else { throw ArchiveError(.io("job archive was not read")) }
            files = try result.get()
        } catch let error as ArchiveError {
            throw ReleaseSpecError(
                .archive, "job '\(name)': \(path): \(error.description)", file: scan.tarball, job: name)
        }
        guard let jobMF = files.jobMF else {
            throw ReleaseSpecError(.invalidJob, "job '\(name)': \(path) has no job.MF", file: scan.tarball, job: name)
        }
        let spec: JobSpec
        do { spec = try JobSpec(bytes: jobMF, file: "\(scan.tarball):\(path):job.MF") } catch {
            throw error.forJob(name)
        }
        if let specName = spec.name, specName != name {
            throw ReleaseSpecError(
                .invalidJob, "job '\(name)': job.MF names the job '\(specName)' (inconsistent name)",
                file: scan.tarball, job: name)
        }
        let directory = spec.usesLegacyConfiguration ? "config/" : "templates/"
        for template in spec.templates where files.files[directory + template.source] == nil {
            throw ReleaseSpecError(
                .invalidJob, "job '\(name)': missing template file '\(directory)\(template.source)' in \(path)",
                file: scan.tarball, job: name)
        }
        let hasMonit = files.files.keys.contains { $0 == "monit" || ($0.hasSuffix(".monit") && !$0.contains("/")) }
        guard hasMonit else {
            throw ReleaseSpecError(
                .invalidJob, "job '\(name)' is missing its monit file in \(path)", file: scan.tarball, job: name)
        }
        return (spec, files.files)
    }

    /// Every dependency and every job's package exists in the release.
    private func checkPackageReferences(_ release: Release) throws {
        let names = Set(release.packages.map(\.record.name))
        for package in release.packages {
            for dependency in package.record.dependencies where !names.contains(dependency) {
                throw ReleaseSpecError(
                    .dependency,
                    "expected to find package '\(dependency)' since it's a dependency of package '\(package.record.name)'",
                    file: release.tarball, package: package.record.name)
            }
        }
        for job in release.jobs {
            for package in job.spec.packages where !names.contains(package) {
                throw ReleaseSpecError(
                    .dependency, "job '\(job.record.name)' needs package '\(package)', which the release does not have",
                    file: release.tarball, job: job.record.name)
            }
        }
    }

    private static func names(_ role: ReleaseScan.Role) -> (job: String?, package: String?) {
        switch role {
        case .job(let name): return (name, nil)
        case .package(let name), .compiledPackage(let name): return (nil, name)
        case .manifest, .license: return (nil, nil)
        }
    }
}
