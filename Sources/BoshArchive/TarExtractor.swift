#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a tar stream's entries under a destination directory and nowhere else: paths are already
/// refused by ``TarReader`` when they are absolute or contain `..`, links that leave the archive are refused,
/// and no entry is written through a symlink an earlier entry created.
package enum TarExtractor {
    /// Extracts every entry `include` accepts (all by default); returns the paths written.
    @discardableResult
    package static func extract(
        _ reader: TarReader, to destination: String, include: (TarEntry) -> Bool = { _ in true }
    ) throws -> [String] {
        try makeDirectories(destination)
        var written: [String] = []
        while let entry = try reader.next() {
            guard !entry.path.isEmpty, include(entry) else { continue }
            try refuseSymlinkParents(entry.path, in: destination)
            let target = destination + "/" + entry.path
            try makeParents(of: entry.path, in: destination)
            switch entry.kind {
            case .directory:
                try makeDirectory(target)
            case .file:
                try writeFile(reader, to: target, mode: entry.mode)
            case .symlink:
                unlink(target)
                guard symlink(entry.linkTarget, target) == 0 else { throw ioError("cannot create symlink", target) }
            case .hardlink:
                let source = destination + "/" + (try ArchivePath.normalize(entry.linkTarget))
                try refuseSymlinkParents(try ArchivePath.normalize(entry.linkTarget), in: destination)
                unlink(target)
                guard link(source, target) == 0 else { throw ioError("cannot create hard link", target) }
            case .other:
                continue
            }
            written.append(entry.path)
        }
        return written
    }

    private static func writeFile(_ reader: TarReader, to path: String, mode: UInt32) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode_t(mode & 0o777 | 0o600))
        guard fd >= 0 else { throw ioError("cannot create file", path) }
        defer { close(fd) }
        try reader.forEachContentChunk { chunk in
            var offset = 0
            while offset < chunk.count {
                let n = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ioError("cannot write file", path)
                }
                offset += n
            }
        }
    }

    private static func refuseSymlinkParents(_ path: String, in destination: String) throws {
        var current = destination
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            var info = stat()
            if lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw ArchiveError(.unsafeLink(path: path, target: "a parent directory is a symlink"))
            }
        }
    }

    private static func makeParents(of path: String, in destination: String) throws {
        var current = destination
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            try makeDirectory(current)
        }
    }

    private static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            try makeDirectory(current)
        }
    }

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        throw ioError("cannot create directory", path)
    }

    private static func ioError(_ what: String, _ path: String) -> ArchiveError {
        ArchiveError(.io("\(what) '\(path)': \(String(cString: strerror(errno)))"))
    }
}
