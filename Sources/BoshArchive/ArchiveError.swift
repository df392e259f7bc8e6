/// Why an archive could not be read: the stream is truncated or corrupt, an entry is unsafe, or I/O failed.
package struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Code: Hashable, Sendable {
        case truncatedGzip
        case corruptGzip(String)
        case truncatedTar
        case corruptTar(String)
        case unsafePath(String)
        case unsafeLink(path: String, target: String)
        case io(String)
        case tooLarge(path: String, limit: Int)
    }

    package let code: Code

    package init(_ code: Code) { self.code = code }

    package var description: String {
        switch code {
        case .truncatedGzip: return "truncated gzip stream (unexpected end of file)"
        case .corruptGzip(let why): return "corrupt gzip stream: \(why)"
        case .truncatedTar: return "truncated tar archive (unexpected end of data inside an entry)"
        case .corruptTar(let why): return "corrupt tar archive: \(why)"
        case .unsafePath(let path): return "refusing tar entry '\(path)': path traversal (absolute path or '..')"
        case .unsafeLink(let path, let target):
            return "refusing tar entry '\(path)': link target '\(target)' points outside the archive"
        case .io(let why): return why
        case .tooLarge(let path, let limit): return "tar entry '\(path)' is larger than \(limit) bytes"
        }
    }
}
