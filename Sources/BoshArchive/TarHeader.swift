/// The fields of one 512-byte tar header block.
struct TarHeader {
    var name: String
    var mode: UInt32
    var size: Int64
    var type: UInt8
    var linkName: String

    init(_ block: UnsafeRawBufferPointer) throws {
        let magic = Array(block[257..<263])
        let isPOSIX = magic == Array("ustar\0".utf8)
        var name = Self.cString(block[0..<100])
        if isPOSIX {
            let prefix = Self.cString(block[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        self.name = name
        mode = UInt32(truncatingIfNeeded: try Self.number(block[100..<108], field: "mode"))
        size = try Self.number(block[124..<136], field: "size")
        guard size >= 0 else { throw ArchiveError(.corruptTar("negative size in header of '\(name)'")) }
        type = block[156]
        linkName = Self.cString(block[157..<257])
    }

    /// Checks the header checksum (unsigned sum, or the signed sum some old writers used).
    static func verifyChecksum(_ block: UnsafeRawBufferPointer) throws {
        let stored = try number(block[148..<156], field: "checksum")
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for i in 0..<512 {
            let b = (148..<156).contains(i) ? UInt8(ascii: " ") : block[i]
            unsigned += Int64(b)
            signed += Int64(Int8(bitPattern: b))
        }
        guard stored == unsigned || stored == signed else {
            throw ArchiveError(.corruptTar("header checksum mismatch (not a tar archive, or damaged)"))
        }
    }

    /// An octal number (NUL/space terminated) or a GNU base-256 number (high bit set).
    static func number(_ field: Slice<UnsafeRawBufferPointer>, field name: String) throws -> Int64 {
        guard let first = field.first else { return 0 }
        if first & 0x80 != 0 {
            var value: Int64 = Int64(first & 0x7f)
            for b in field.dropFirst() {
                guard value < (Int64.max >> 8) else { throw ArchiveError(.corruptTar("\(name) field overflows")) }
                value = value << 8 | Int64(b)
            }
            return value
        }
        var value: Int64 = 0
        var seenDigit = false
        for b in field {
            if b == 0 || (b == UInt8(ascii: " ") && seenDigit) { break }
            if b == UInt8(ascii: " ") { continue }
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "7") else {
                throw ArchiveError(.corruptTar("invalid \(name) field in header"))
            }
            seenDigit = true
            value = value * 8 + Int64(b - UInt8(ascii: "0"))
        }
        return value
    }

    static func cString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// Parses pax records `"<len> key=value\n"`.
    static func paxRecords(_ bytes: [UInt8]) -> [String: String] {
        var records: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            var j = i
            var length = 0
            // A length longer than what is left ends the records (and cannot overflow `length`).
            while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9"),
                length <= bytes.count - i
            {
                length = length * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                j += 1
            }
            // The record must hold its own length digits and the space: "1 " or "2 \n" are malformed.
            guard length > 0, j < bytes.count, bytes[j] == UInt8(ascii: " "), i + length <= bytes.count,
                j + 1 <= i + length
            else { break }
            let record = bytes[(j + 1)..<(i + length)]
            let body = record.last == UInt8(ascii: "\n") ? record.dropLast() : record[...]
            if let eq = body.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: body[body.startIndex..<eq], as: UTF8.self)
                records[key] = String(decoding: body[(eq + 1)...], as: UTF8.self)
            }
            i += length
        }
        return records
    }
}
