/// Reads a tar stream entry by entry: ustar and old-style headers, GNU long names (`L`/`K`) and pax
/// extended headers (`x`; global `g` records are skipped). Entry paths are normalised and unsafe ones
/// (absolute, `..`, links leaving the archive) are refused with an ``ArchiveError``.
///
/// Content is streamed: call ``readContent(into:)``, ``forEachContentChunk(_:)`` or ``readContent(limit:)``
/// after ``next()``; whatever is left unread is skipped by the following ``next()``.
package final class TarReader {
    private let source: ByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var contentLeft: Int64 = 0
    private var paddingLeft: Int64 = 0
    private var finished = false
    private var headers = 0

    /// The most headers (entries, long names and pax records) an archive may have: release tarballs have a few
    /// hundred (cf-deployment's largest, a few thousand in a job archive at most); a million empty entries is an
    /// attack, refused before it fills a directory.
    package static let maximumHeaders = 20_000

    /// The entry whose content is being read.
    package private(set) var current: TarEntry?

    /// Reads an uncompressed tar stream from `source`.
    package init(_ source: ByteSource) {
        self.source = source
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: BoshArchive.bufferSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The next entry, or `nil` at the end of the archive.
    package func next() throws -> TarEntry? {
        try skipRest()
        current = nil
        guard !finished else { return nil }
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while true {
            guard try fill(512) else {
                if end == start {
                    finished = true
                    return nil
                }
                throw ArchiveError(.truncatedTar)
            }
            let header = UnsafeRawBufferPointer(rebasing: buffer[start..<start + 512])
            if header.allSatisfy({ $0 == 0 }) {
                finished = true
                return nil
            }
            try TarHeader.verifyChecksum(header)
            headers += 1
            guard headers <= Self.maximumHeaders else {
                throw ArchiveError(.corruptTar("more than \(Self.maximumHeaders) entries"))
            }
            let fields = try TarHeader(header)
            start += 512
            contentLeft = fields.size
            paddingLeft = (512 - fields.size % 512) % 512
            switch fields.type {
            case UInt8(ascii: "L"):
                longName = TarHeader.cString(try readContent(limit: 1 << 20, path: "GNU long name"))
                try skipRest()
                continue
            case UInt8(ascii: "K"):
                longLink = TarHeader.cString(try readContent(limit: 1 << 20, path: "GNU long link"))
                try skipRest()
                continue
            case UInt8(ascii: "x"):
                pax = TarHeader.paxRecords(try readContent(limit: 1 << 20, path: "pax header"))
                try skipRest()
                continue
            case UInt8(ascii: "g"):
                try skipRest()
                continue
            default:
                break
            }
            let rawPath = pax["path"] ?? longName ?? fields.name
            let rawLink = pax["linkpath"] ?? longLink ?? fields.linkName
            if let size = pax["size"].flatMap({ Int64($0) }) {
                contentLeft = size
                paddingLeft = (512 - size % 512) % 512
            }
            var kind: TarEntry.Kind
            switch fields.type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): kind = rawPath.hasSuffix("/") ? .directory : .file
            case UInt8(ascii: "1"): kind = .hardlink
            case UInt8(ascii: "2"): kind = .symlink
            case UInt8(ascii: "5"): kind = .directory
            default: kind = .other
            }
            let path = try ArchivePath.normalize(rawPath)
            switch kind {
            case .symlink:
                guard ArchivePath.linkStaysInside(path: path, target: rawLink) else {
                    throw ArchiveError(.unsafeLink(path: path, target: rawLink))
                }
            case .hardlink:
                do { _ = try ArchivePath.normalize(rawLink) } catch {
                    throw ArchiveError(.unsafeLink(path: path, target: rawLink))
                }
            default:
                break
            }
            if kind == .directory || kind == .symlink || kind == .hardlink {
                // No content even if a size is recorded: skip those bytes with the padding.
                paddingLeft += contentLeft
                contentLeft = 0
            }
            let entry = TarEntry(path: path, kind: kind, size: contentLeft, mode: fields.mode, linkTarget: rawLink)
            current = entry
            return entry
        }
    }

    /// Copies up to `buffer.count` bytes of the current entry's content; 0 at its end.
    package func readContent(into destination: UnsafeMutableRawBufferPointer) throws -> Int {
        guard contentLeft > 0, destination.count > 0 else { return 0 }
        if start == end { try refill() }
        let n = min(destination.count, end - start, Int(clamping: contentLeft))
        destination.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: n)
        start += n
        contentLeft -= Int64(n)
        return n
    }

    /// Calls `body` with the rest of the current entry's content, chunk by chunk, without copying it.
    package func forEachContentChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        while contentLeft > 0 {
            if start == end { try refill() }
            let n = min(end - start, Int(clamping: contentLeft))
            try body(UnsafeRawBufferPointer(rebasing: buffer[start..<start + n]))
            start += n
            contentLeft -= Int64(n)
        }
    }

    /// The rest of the current entry's content in memory; throws when it is larger than `limit`.
    package func readContent(limit: Int, path: String? = nil) throws -> [UInt8] {
        guard contentLeft <= Int64(limit) else {
            throw ArchiveError(.tooLarge(path: path ?? current?.path ?? "?", limit: limit))
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(contentLeft))
        try forEachContentChunk { out.append(contentsOf: $0) }
        return out
    }

    /// A source that serves the current entry's content (for reading an archive nested in this one).
    package func contentSource() -> ByteSource { EntryContent(reader: self) }

    private final class EntryContent: ByteSource {
        let reader: TarReader
        init(reader: TarReader) { self.reader = reader }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try reader.readContent(into: buffer) }
    }

    /// Skips the unread content and padding of the current entry.
    private func skipRest() throws {
        var left = contentLeft + paddingLeft
        contentLeft = 0
        paddingLeft = 0
        while left > 0 {
            if start == end { try refill() }
            let n = min(end - start, Int(clamping: left))
            start += n
            left -= Int64(n)
        }
    }

    private func refill() throws {
        start = 0
        end = try source.read(into: buffer)
        if end == 0 { throw ArchiveError(.truncatedTar) }
    }

    /// Makes at least `count` bytes available from `start`; `false` when the stream ends first.
    private func fill(_ count: Int) throws -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining) }
            start = 0
            end = remaining
        }
        while end < count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if n == 0 { return false }
            end += n
        }
        return true
    }
}
