import NIOCore

/// Reads and writes the `NATS/1.0` header block of `HPUB` / `HMSG`.
enum HeaderCodec {
    private static let preamble = "NATS/1.0"

    /// Parses a header block (`NATS/1.0[ status[ description]]\r\n` then `Name: Value\r\n` lines, then `\r\n`).
    static func parse(_ block: ByteBuffer) throws -> NatsHeaders {
        let text = String(buffer: block)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), first.hasPrefix(preamble) else {
            throw NatsError(.protocolViolation, "header block does not start with \(preamble)")
        }
        var headers = NatsHeaders()
        let statusLine = first.dropFirst(preamble.count).drop { $0 == " " }
        if !statusLine.isEmpty {
            let code = statusLine.prefix { $0 != " " }
            headers.status = Int(code)
            let description = statusLine.dropFirst(code.count).drop { $0 == " " }
            headers.statusDescription = description.isEmpty ? nil : String(description)
        }
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.append(String(value), for: name)
        }
        return headers
    }

    /// Encodes `headers` as a header block; throws ``NatsError/invalidHeader`` on line breaks or bad names.
    static func encode(_ headers: NatsHeaders) throws -> ByteBuffer {
        var out = ByteBuffer()
        out.writeString(preamble)
        if let status = headers.status {
            out.writeString(" \(status)")
            if let description = headers.statusDescription {
                try check(description, isName: false)
                out.writeString(" \(description)")
            }
        }
        out.writeString("\r\n")
        for (name, value) in headers.entries {
            try check(name, isName: true)
            try check(value, isName: false)
            out.writeString(name)
            out.writeString(": ")
            out.writeString(value)
            out.writeString("\r\n")
        }
        out.writeString("\r\n")
        return out
    }

    private static func check(_ text: String, isName: Bool) throws {
        for byte in text.utf8 {
            if byte == 13 || byte == 10 || (isName && (byte == UInt8(ascii: ":") || byte <= 32 || byte == 127)) {
                throw NatsError(.invalidHeader, "'\(text)'")
            }
        }
        if isName && text.isEmpty { throw NatsError(.invalidHeader, "empty header name") }
    }
}
