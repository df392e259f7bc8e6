import BoshArchive
import Foundation

/// Writes the archive of one job, package or license (`jobs/<job>.tgz`, `packages/<pkg>.tgz`, `license.tgz`)
/// in bosh-cli's layout: a gzip'd tar of the staging directory bosh-cli would make, entries prefixed `./`
/// (`./`, `./job.MF`, `./templates/`, `./templates/ctl.erb` …), files `0755` when their owner may execute
/// them and `0644` otherwise, directories `0755`. Entries are sorted and timestamps are zero, so the same
/// sources always give the same bytes (and digest).
enum ResourceArchive {
    /// What was written.
    struct Written {
        var path: String
        var size: Int64
        /// The digest in the form `release.MF` records (`sha256:<hex>`, or plain SHA-1 hex).
        var digest: String
    }

    /// Writes `files` (their relative paths as archive paths) to `path`.
    /// - Parameters:
    ///   - followSymlinks: jobs archive what a symlink points at; packages keep the symlink itself.
    ///   - algorithm: the digest recorded for the archive.
    static func write(
        _ files: [Fingerprint.File], followSymlinks: Bool, to path: String, algorithm: Fingerprint.Algorithm
    ) throws(ReleaseSpecError) -> Written {
        do {
            let tar = TarWriter(try GzipWriter(try FileByteSink(path: path)))
            try tar.addDirectory("./")
            var directories: Set<String> = []
            let sorted = files.sorted {
                Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8))
            }
            for file in sorted {
                let parts = file.relativePath.split(separator: "/").dropLast()
                var parent = "."
                for part in parts {
                    parent += "/" + part
                    if directories.insert(parent).inserted { try tar.addDirectory(parent + "/") }
                }
                try add(file, to: tar, followSymlinks: followSymlinks)
            }
            try tar.finish()
        } catch let error as ReleaseSpecError {
            throw error
        } catch {
            throw ReleaseSpecError(.io, "cannot write archive '\(path)': \(error)", file: path)
        }
        do {
            let hashing = HashingByteSource(try FileByteSource(path: path), algorithms: [algorithm.digest])
            try hashing.drain()
            let hex = hashing.digests()[algorithm.digest] ?? ""
            return Written(path: path, size: hashing.count, digest: algorithm.render(hex))
        } catch {
            throw ReleaseSpecError(.io, "cannot read archive '\(path)': \(error)", file: path)
        }
    }

    private static func add(_ file: Fingerprint.File, to tar: TarWriter, followSymlinks: Bool) throws {
        let name = "./" + file.relativePath
        var info = stat()
        guard lstat(file.path, &info) == 0 else {
            throw ReleaseSpecError(.io, "cannot read '\(file.path)': \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            if !followSymlinks {
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: file.path)
                try tar.addSymlink(name, target: target)
                return
            }
            guard stat(file.path, &info) == 0 else {
                throw ReleaseSpecError(
                    .io, "cannot follow symlink '\(file.path)': \(String(cString: strerror(errno)))")
            }
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ReleaseSpecError(.io, "'\(file.path)' is not a regular file")
        }
        let mode: UInt32 = info.st_mode & S_IXUSR != 0 ? 0o755 : 0o644
        try stream(file.path, size: Int64(info.st_size), as: name, mode: mode, into: tar)
    }

    /// Adds the file at `path` (`size` bytes, as `stat` saw it) to `tar` as `name`, reading it in chunks.
    static func stream(_ path: String, size: Int64, as name: String, mode: UInt32, into tar: TarWriter) throws {
        let source = try FileByteSource(path: path)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        try tar.addFile(name, size: size, mode: mode) { write in
            var remaining = size
            while remaining > 0 {
                let wanted = Int(min(Int64(buffer.count), remaining))
                let n = try buffer.withUnsafeMutableBytes { raw in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<wanted]))
                }
                guard n > 0 else {
                    throw ReleaseSpecError(.io, "'\(path)' became shorter while it was being archived", file: path)
                }
                try write(Array(buffer[0..<n]))
                remaining -= Int64(n)
            }
        }
    }
}
