/// Writes a ustar stream (GNU long-name records for paths over 100 bytes) into a sink.
package final class TarWriter {
    private let sink: ByteSink

    package init(_ sink: ByteSink) { self.sink = sink }

    /// Adds a directory entry.
    package func addDirectory(_ path: String, mode: UInt32 = 0o755) throws {
        try writeHeader(path.hasSuffix("/") ? path : path + "/", size: 0, mode: mode, type: "5")
    }

    /// Adds a symlink entry.
    package func addSymlink(_ path: String, target: String) throws {
        try writeHeader(path, size: 0, mode: 0o777, type: "2", linkName: target)
    }

    /// Adds a pax extended header (`x`) whose records apply to the next entry.
    package func addPaxRecords(_ records: [(String, String)]) throws {
        var body: [UInt8] = []
        for (key, value) in records {
            let record = " \(key)=\(value)\n"
            var length = record.utf8.count + 1
            while String(length).count + record.utf8.count != length { length += 1 }
            body += Array("\(length)\(record)".utf8)
        }
        try writeHeader("PaxHeader", size: Int64(body.count), mode: 0o644, type: "x")
        try sink.write(body)
        try pad(Int64(body.count))
    }

    /// Adds a file whose content is `bytes`.
    package func addFile(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws {
        try addFile(path, size: Int64(bytes.count), mode: mode) { write in try write(bytes) }
    }

    /// Adds a file of `size` bytes whose content `body` writes through the closure it is given.
    package func addFile(
        _ path: String, size: Int64, mode: UInt32 = 0o644, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        try writeHeader(path, size: size, mode: mode, type: "0")
        var written: Int64 = 0
        try body { chunk in
            written += Int64(chunk.count)
            try self.sink.write(chunk)
        }
        precondition(written == size, "TarWriter: wrote \(written) bytes for '\(path)', declared \(size)")
        try pad(size)
    }

    /// Writes the end-of-archive marker and closes the sink.
    package func finish() throws {
        try sink.write([UInt8](repeating: 0, count: 1024))
        try sink.close()
    }

    private func pad(_ size: Int64) throws {
        let padding = Int((512 - size % 512) % 512)
        if padding > 0 { try sink.write([UInt8](repeating: 0, count: padding)) }
    }

    private func writeHeader(_ path: String, size: Int64, mode: UInt32, type: Character, linkName: String = "") throws {
        let name = Array(path.utf8)
        if name.count > 100 {
            let long = name + [0]
            try writeHeader("././@LongLink", size: Int64(long.count), mode: 0, type: "L")
            try sink.write(long)
            try pad(Int64(long.count))
        }
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, max: Int) {
            for (i, b) in bytes.prefix(max).enumerated() { block[offset + i] = b }
        }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0, max: 100)
        put(octal(Int64(mode), width: 8), at: 100, max: 8)
        put(octal(0, width: 8), at: 108, max: 8)
        put(octal(0, width: 8), at: 116, max: 8)
        put(octal(size, width: 12), at: 124, max: 12)
        put(octal(0, width: 12), at: 136, max: 12)
        block[156] = type.asciiValue!
        put(Array(linkName.utf8), at: 157, max: 100)
        put(Array("ustar\0".utf8), at: 257, max: 6)
        put(Array("00".utf8), at: 263, max: 2)
        for i in 148..<156 { block[i] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int64($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148, max: 8)
        try sink.write(block)
    }
}
