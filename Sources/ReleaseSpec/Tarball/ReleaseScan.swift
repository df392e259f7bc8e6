import BoshArchive
import Logging

/// One streaming pass over a release tarball: finds `release.MF`, hashes every archive, reads job archives.
struct ReleaseScan {
    /// What an entry of the release tarball is.
    enum Role: Hashable {
        case manifest, license
        case job(String)
        case package(String)
        case compiledPackage(String)
    }

    struct Hashed {
        var size: Int64
        var digests: [DigestAlgorithm: String]
    }

    /// A job archive's files, or why it could not be read.
    struct JobFiles {
        var jobMF: [UInt8]?
        var files: [String: [UInt8]]
    }

    let tarball: String
    private(set) var manifest: ReleaseManifest?
    private(set) var hashed: [String: Hashed] = [:]
    private(set) var jobFiles: [String: Result<JobFiles, Error>] = [:]

    init(tarball: String) { self.tarball = tarball }

    /// Reads the tarball; `only` restricts a second pass to archives needing more algorithms.
    mutating func run(logger: Logger, only: [String: [DigestAlgorithm]]? = nil) throws {
        let tar = TarReader(try GzipReader(try FileByteSource(path: tarball)))
        while let entry = try tar.next() {
            guard entry.kind == .file, let role = Self.role(of: entry.path) else { continue }
            if role == .manifest {
                guard only == nil else { continue }
                let bytes = try tar.readContent(limit: ReleaseTarball.maximumFileSize)
                manifest = try ReleaseManifest(bytes: bytes, file: "\(tarball):release.MF")
                continue
            }
            let algorithms: [DigestAlgorithm]
            if let only {
                guard let wanted = only[entry.path] else { continue }
                algorithms = wanted
            } else if let manifest {
                guard let wanted = Self.algorithms(for: role, in: manifest) else { continue }  // unlisted
                algorithms = wanted
            } else {
                algorithms = [.sha1, .sha256]  // release.MF comes later: compute the usual ones
            }
            var result: Hashed
            if case .job(let name) = role, only == nil {
                let hashing = HashingByteSource(tar.contentSource(), algorithms: algorithms)
                jobFiles[name] = Result { try Self.readJobArchive(hashing) }
                try hashing.drain()
                result = Hashed(size: hashing.count, digests: hashing.digests())
            } else {
                let hashers = algorithms.map { DigestHasher($0) }
                try tar.forEachContentChunk { chunk in for hasher in hashers { hasher.update(chunk) } }
                result = Hashed(size: entry.size, digests: [:])
                for hasher in hashers { result.digests[hasher.algorithm] = hasher.finalize() }
            }
            if let previous = hashed[entry.path], only != nil {
                result.digests.merge(previous.digests) { new, _ in new }
            }
            hashed[entry.path] = result
            logger.debug("hashed archive", metadata: ["path": "\(entry.path)", "bytes": "\(result.size)"])
        }
    }

    /// Listed archives whose digest algorithm was not computed in the first pass (sha512 before release.MF).
    func uncomputedAlgorithms(for manifest: ReleaseManifest) -> [String: [DigestAlgorithm]] {
        var missing: [String: [DigestAlgorithm]] = [:]
        for (path, role) in Self.listedArchives(manifest) {
            guard let have = hashed[path], let want = Self.algorithms(for: role, in: manifest) else { continue }
            let lacking = want.filter { have.digests[$0] == nil }
            if !lacking.isEmpty { missing[path] = lacking }
        }
        return missing
    }

    static func role(of path: String) -> Role? {
        if path == "release.MF" { return .manifest }
        if path == "license.tgz" { return .license }
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".tgz"), !ArchivePath.isJunk(path) else { return nil }
        let name = String(parts[1].dropLast(4))
        switch parts[0] {
        case "jobs": return .job(name)
        case "packages": return .package(name)
        case "compiled_packages": return .compiledPackage(name)
        default: return nil
        }
    }

    static func archivePath(of role: Role) -> String {
        switch role {
        case .manifest: return "release.MF"
        case .license: return "license.tgz"
        case .job(let name): return "jobs/\(name).tgz"
        case .package(let name): return "packages/\(name).tgz"
        case .compiledPackage(let name): return "compiled_packages/\(name).tgz"
        }
    }

    static func listedArchives(_ manifest: ReleaseManifest) -> [(String, Role)] {
        var roles: [Role] = manifest.jobs.map { .job($0.name) }
        roles += manifest.packages.map { .package($0.name) }
        roles += manifest.compiledPackages.map { .compiledPackage($0.name) }
        if manifest.license != nil { roles.append(.license) }
        return roles.map { (archivePath(of: $0), $0) }
    }

    /// The digest string `release.MF` records for an archive, `nil` when the archive is not listed.
    static func recordedDigest(for role: Role, in manifest: ReleaseManifest) -> String? {
        switch role {
        case .manifest: return nil
        case .license: return manifest.license?.sha1
        case .job(let name): return manifest.jobs.first { $0.name == name }?.sha1
        case .package(let name): return manifest.packages.first { $0.name == name }?.sha1
        case .compiledPackage(let name): return manifest.compiledPackages.first { $0.name == name }?.sha1
        }
    }

    static func algorithms(for role: Role, in manifest: ReleaseManifest) -> [DigestAlgorithm]? {
        guard let recorded = recordedDigest(for: role, in: manifest) else { return nil }
        guard let digest = try? MultipleDigest(parsing: recorded), !digest.algorithms.isEmpty else { return [.sha1] }
        return digest.algorithms
    }

    /// Reads a job archive's files into memory (they are small); junk files are skipped.
    static func readJobArchive(_ source: ByteSource) throws -> JobFiles {
        let tar = TarReader(try GzipReader(source))
        var result = JobFiles(jobMF: nil, files: [:])
        while let entry = try tar.next() {
            guard entry.kind == .file, !ArchivePath.isJunk(entry.path) else { continue }
            let bytes = try tar.readContent(limit: ReleaseTarball.maximumFileSize)
            if entry.path == "job.MF" { result.jobMF = bytes } else { result.files[entry.path] = bytes }
        }
        return result
    }
}
