import BoshArchive
import Foundation

/// Fingerprints of jobs and packages computed from a release directory as `bosh create-release` computes
/// them, so a tool can tell which jobs and packages changed.
///
/// The fingerprint is the digest of `"v2"` followed by one chunk per file (sorted by relative path):
/// path, the file's digest and, except for `packaging`/`pre_packaging`, a git-style mode (`100644`,
/// `100755`, `symlink`), then for packages the sorted dependency names joined with `,`.
public enum Fingerprint {
    /// The digest the fingerprint is computed with.
    public enum Algorithm: Sendable {
        /// Legacy bosh-cli (40 hex digits): what releases built before the SHA-256 switch record.
        case sha1
        /// Current bosh-cli (64 hex digits; per-file digests written `sha256:<hex>`).
        case sha256

        var digest: DigestAlgorithm { self == .sha1 ? .sha1 : .sha256 }

        func render(_ hex: String) -> String { self == .sha1 ? hex : "sha256:" + hex }
    }

    /// One file of a job or package as the fingerprint sees it.
    struct File {
        var path: String
        var relativePath: String
        var excludeMode: Bool
    }

    /// The fingerprint of the job in `directory` (`jobs/<name>` of a release directory).
    /// - Throws: ``ReleaseSpecError`` when the spec is invalid, its name differs from the directory's, or a
    ///   template file is missing.
    public static func job(at directory: String, algorithm: Algorithm = .sha256) throws(ReleaseSpecError) -> String {
        let source = try jobSource(at: directory)
        return try calculate(source.files, chunks: [], followSymlinks: true, algorithm: algorithm)
    }

    /// A job directory's spec and the files its fingerprint and archive are made of (`job.MF` is the spec).
    static func jobSource(at directory: String) throws(ReleaseSpecError) -> (spec: JobSpec, files: [File]) {
        let spec = try JobSpec(bytes: try readFile(directory + "/spec"), file: directory + "/spec")
        let directoryName = (directory as NSString).lastPathComponent
        guard spec.name == directoryName else {
            throw ReleaseSpecError(
                .fingerprint, "job directory '\(directoryName)' does not match job name '\(spec.name ?? "")' in spec",
                file: directory)
        }
        var files = [File(path: directory + "/spec", relativePath: "job.MF", excludeMode: false)]
        for optional in ["monit", "properties_schema.json"]
        where FileManager.default.fileExists(atPath: directory + "/" + optional) {
            files.append(File(path: directory + "/" + optional, relativePath: optional, excludeMode: false))
        }
        for template in spec.templates {
            files.append(
                File(
                    path: directory + "/templates/" + template.source, relativePath: "templates/" + template.source,
                    excludeMode: false))
        }
        return (spec, files)
    }

    /// The fingerprint of the package in `directory` (`packages/<name>` of a release directory), its files
    /// taken from the release's `src/` and `blobs/` directories.
    /// - Parameters:
    ///   - directory: the package directory (with `spec` and `packaging`).
    ///   - releaseDirectory: the release root; defaults to two levels above `directory`.
    ///   - algorithm: the digest to use.
    public static func package(
        at directory: String, releaseDirectory: String? = nil, algorithm: Algorithm = .sha256
    ) throws(ReleaseSpecError) -> String {
        let root =
            releaseDirectory
            ?? ((directory as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        if let lock = try? readFile(directory + "/spec.lock"), let fingerprint = try lockedFingerprint(lock, directory)
        {
            return fingerprint
        }
        let source = try packageSource(at: directory, releaseDirectory: root)
        return try calculate(
            source.files, chunks: source.spec.dependencies, followSymlinks: false, algorithm: algorithm)
    }

    /// A package directory's spec and the files its fingerprint and archive are made of: `packaging`,
    /// `pre_packaging` if present, and the files its `files` globs select from `src/` then `blobs/`.
    static func packageSource(at directory: String, releaseDirectory root: String) throws(ReleaseSpecError)
        -> (spec: PackageSpec, files: [File])
    {
        let spec = try PackageSpec(bytes: try readFile(directory + "/spec"), file: directory + "/spec")
        var files: [File] = []
        guard FileManager.default.fileExists(atPath: directory + "/packaging") else {
            throw ReleaseSpecError(
                .fingerprint, "expected to find '\(directory)/packaging' for package '\(spec.name)'", file: directory,
                package: spec.name)
        }
        files.append(File(path: directory + "/packaging", relativePath: "packaging", excludeMode: true))
        if FileManager.default.fileExists(atPath: directory + "/pre_packaging") {
            files.append(File(path: directory + "/pre_packaging", relativePath: "pre_packaging", excludeMode: true))
        }
        let selected = try PackageFiles.select(
            spec, sourceDirectories: [root + "/src", root + "/blobs"], specFile: directory + "/spec")
        files += selected.map { File(path: $0.path, relativePath: $0.relativePath, excludeMode: false) }
        return (spec, files)
    }

    private static func lockedFingerprint(_ bytes: [UInt8], _ directory: String) throws(ReleaseSpecError) -> String? {
        do throws(SpecFieldError) {
            let doc = try SpecDocument(bytes: bytes, file: directory + "/spec.lock")
            guard let root = try doc.rootMapping(what: "spec.lock") else { return nil }
            return try doc.string(root, "fingerprint", path: "")
        } catch { throw ReleaseSpecError(error) }
    }

    static func calculate(
        _ files: [File], chunks additional: [String], followSymlinks: Bool, algorithm: Algorithm
    ) throws(ReleaseSpecError) -> String {
        var text = "v2"
        for file in files.sorted(by: {
            Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8))
        }) {
            text += file.relativePath
            var info = stat()
            guard lstat(file.path, &info) == 0 else {
                throw ReleaseSpecError(.fingerprint, "cannot read '\(file.path)': \(String(cString: strerror(errno)))")
            }
            let isSymlink = info.st_mode & S_IFMT == S_IFLNK
            if isSymlink && !followSymlinks {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path)) ?? ""
                text += algorithm.render(DigestHasher.hex(algorithm.digest, of: target))
            } else {
                text += algorithm.render(try fileDigest(file.path, algorithm.digest))
                if isSymlink { stat(file.path, &info) }
            }
            if !file.excludeMode {
                if info.st_mode & S_IFMT == S_IFDIR {
                    text += "40755"
                } else if isSymlink && !followSymlinks {
                    text += "symlink"
                } else {
                    text += info.st_mode & 0o111 != 0 ? "100755" : "100644"
                }
            }
        }
        if !additional.isEmpty {
            text += additional.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.joined(
                separator: ",")
        }
        return DigestHasher.hex(algorithm.digest, of: text)
    }

    private static func fileDigest(_ path: String, _ algorithm: DigestAlgorithm) throws(ReleaseSpecError) -> String {
        do {
            let source = HashingByteSource(try FileByteSource(path: path), algorithms: [algorithm])
            try source.drain()
            return source.digests()[algorithm]!
        } catch {
            throw ReleaseSpecError(.fingerprint, "cannot read '\(path)': \(error)")
        }
    }

    static func readFile(_ path: String) throws(ReleaseSpecError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReleaseSpecError(.io, "cannot read '\(path)': no such file or not readable")
        }
        return [UInt8](data)
    }
}
