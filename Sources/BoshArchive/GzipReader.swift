import CZlib

/// Decompresses a gzip stream (concatenated members included) from another source, a buffer at a time,
/// with the system zlib. A stream that ends before its trailer is a ``ArchiveError`` `truncatedGzip`.
package final class GzipReader: ByteSource {
    private let source: ByteSource
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var finished = false
    private var sourceExhausted = false
    private var fed: Int64 = 0
    private var produced: Int64 = 0
    private let maximumRatio: Int64
    private let slack: Int64

    /// How far a stream may expand: `slack` bytes, then `ratio` times the compressed bytes read so far. Release
    /// and stemcell tarballs hold already compressed archives (about 1:1); a stream of zeros expands 1000-fold.
    package static let defaultRatio: Int64 = 200
    package static let defaultSlack: Int64 = 64 << 20

    /// Wraps a compressed source; output beyond `slack + ratio × input` is a compression bomb
    /// (``ArchiveError`` `corruptGzip`), refused before it is written anywhere.
    package init(_ source: ByteSource, maximumRatio: Int64 = defaultRatio, slack: Int64 = defaultSlack) throws {
        self.source = source
        self.maximumRatio = maximumRatio
        self.slack = slack
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: BoshArchive.bufferSize, alignment: 16)
        // 16 + 15: gzip wrapper only, 32 KiB window.
        let status = inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw ArchiveError(.corruptGzip("zlib initialisation failed (\(status))"))
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inflateChunk(into: buffer)
        produced += Int64(count)
        let consumed = fed - Int64(stream.avail_in)
        if produced - slack > maximumRatio.multipliedReportingOverflow(by: consumed).partialValue {
            throw ArchiveError(
                .corruptGzip("it expands more than \(maximumRatio)-fold (\(consumed) compressed bytes gave \(produced)): a compression bomb?"))
        }
        return count
    }

    private func inflateChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(clamping: buffer.count)
        while stream.avail_out > 0 {
            try refillInput()
            if stream.avail_in == 0 && sourceExhausted {
                // Input ended inside a member.
                throw ArchiveError(.truncatedGzip)
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if try !startNextMember() {
                    finished = true
                    return buffer.count - Int(stream.avail_out)
                }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { continue }  // needs more input
                throw ArchiveError(.corruptGzip("no progress possible"))
            default:
                let why = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw ArchiveError(.corruptGzip(why))
            }
        }
        return buffer.count
    }

    /// After a member's trailer: continues when another gzip member follows, ignores trailing zero padding.
    private func startNextMember() throws -> Bool {
        try refillInput()
        guard stream.avail_in > 0, stream.next_in[0] == 0x1f else { return false }
        inflateReset(&stream)
        return true
    }

    /// Reads more compressed input when zlib has consumed all of it.
    private func refillInput() throws {
        guard stream.avail_in == 0, !sourceExhausted else { return }
        let n = try source.read(into: input)
        fed += Int64(n)
        if n == 0 {
            sourceExhausted = true
        } else {
            stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(n)
        }
    }
}
