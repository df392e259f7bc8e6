import CZlib

/// Compresses into gzip format with the system zlib and passes the result to another sink.
package final class GzipWriter: ByteSink {
    private let sink: ByteSink
    private var stream = z_stream()
    private let output: UnsafeMutableRawBufferPointer
    private var closed = false

    /// - Parameter level: 0 (stored, fastest) … 9.
    package init(_ sink: ByteSink, level: Int32 = 6) throws {
        self.sink = sink
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: BoshArchive.bufferSize, alignment: 16)
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            output.deallocate()
            throw ArchiveError(.corruptGzip("zlib initialisation failed (\(status))"))
        }
    }

    deinit {
        deflateEnd(&stream)
        output.deallocate()
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = UInt32(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    package func close() throws {
        guard !closed else { return }
        closed = true
        try pump(flush: Z_FINISH)
        try sink.close()
    }

    private func pump(flush: Int32) throws {
        repeat {
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(output.count)
            let status = deflate(&stream, flush)
            guard status != Z_STREAM_ERROR else { throw ArchiveError(.corruptGzip("deflate failed")) }
            let produced = output.count - Int(stream.avail_out)
            if produced > 0 { try sink.write(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            if flush == Z_FINISH && status == Z_STREAM_END { return }
        } while stream.avail_out == 0 || (flush == Z_FINISH)
    }
}
