import NIOCore

/// Writes client operations into a `ByteBuffer`.
extension ByteBuffer {
    /// `PUB subject [reply] size\r\npayload\r\n`, or `HPUB` with a header block, in one pass over the buffer.
    mutating func writePublish(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) {
        let needed = Self.publishSize(subject: subject, replyTo: replyTo, headers: headers, payload: payload)
        writeWithUnsafeMutableBytes(minimumWritableBytes: needed) { raw in
            Self.encodePublish(
                at: raw.baseAddress!, subject: subject, replyTo: replyTo, headers: headers, payload: payload)
        }
    }

    /// The bytes `encodePublish` writes at most.
    @inline(__always)
    static func publishSize(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) -> Int {
        let headerBytes = headers?.readableBytes ?? 0
        let total = headerBytes + payload.readableBytes
        let replyBytes = replyTo.map { $0.utf8.count + 1 } ?? 0
        let sizes = headers == nil ? digits(total) : digits(headerBytes) + 1 + digits(total)
        return (headers == nil ? 4 : 5) + subject.utf8.count + 1 + replyBytes + sizes + 2 + total + 2
    }

    /// Writes `PUB` / `HPUB` at `start` (with room for `publishSize` bytes); returns the bytes written.
    @inline(__always)
    static func encodePublish(
        at start: UnsafeMutableRawPointer, subject: String, replyTo: String?, headers: ByteBuffer?,
        payload: ByteBuffer
    ) -> Int {
        var p = start
        if headers != nil { put(UInt8(ascii: "H"), &p) }
        put(UInt8(ascii: "P"), &p)
        put(UInt8(ascii: "U"), &p)
        put(UInt8(ascii: "B"), &p)
        put(UInt8(ascii: " "), &p)
        put(subject, &p)
        put(UInt8(ascii: " "), &p)
        if let replyTo {
            put(replyTo, &p)
            put(UInt8(ascii: " "), &p)
        }
        if let headers {
            put(number: headers.readableBytes, &p)
            put(UInt8(ascii: " "), &p)
        }
        put(number: (headers?.readableBytes ?? 0) + payload.readableBytes, &p)
        put(UInt8(ascii: "\r"), &p)
        put(UInt8(ascii: "\n"), &p)
        if let headers { put(buffer: headers, &p) }
        put(buffer: payload, &p)
        put(UInt8(ascii: "\r"), &p)
        put(UInt8(ascii: "\n"), &p)
        return start.distance(to: p)
    }

    @inline(__always)
    private static func put(_ byte: UInt8, _ p: inout UnsafeMutableRawPointer) {
        p.storeBytes(of: byte, as: UInt8.self)
        p += 1
    }

    @inline(__always)
    private static func put(_ text: String, _ p: inout UnsafeMutableRawPointer) {
        var text = text
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress { p.copyMemory(from: base, byteCount: bytes.count) }
            p += bytes.count
        }
    }

    @inline(__always)
    private static func put(number: Int, _ p: inout UnsafeMutableRawPointer) {
        var value = number
        let count = digits(number)
        var index = count - 1
        repeat {
            p.storeBytes(of: UInt8(truncatingIfNeeded: 48 + value % 10), toByteOffset: index, as: UInt8.self)
            value /= 10
            index -= 1
        } while value > 0
        p += count
    }

    @inline(__always)
    private static func put(buffer: ByteBuffer, _ p: inout UnsafeMutableRawPointer) {
        buffer.withUnsafeReadableBytes { bytes in
            if let base = bytes.baseAddress { p.copyMemory(from: base, byteCount: bytes.count) }
            p += bytes.count
        }
    }

    @inline(__always)
    static func digits(_ value: Int) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// `SUB subject [queue] sid\r\n`.
    mutating func writeSubscribe(subject: String, queue: String?, sid: UInt64) {
        writeStaticString("SUB ")
        writeString(subject)
        writeSpace()
        if let queue {
            writeString(queue)
            writeSpace()
        }
        writeDecimal(Int(sid))
        writeStaticString("\r\n")
    }

    /// `UNSUB sid [max]\r\n`.
    mutating func writeUnsubscribe(sid: UInt64, max: Int?) {
        writeStaticString("UNSUB ")
        writeDecimal(Int(sid))
        if let max {
            writeSpace()
            writeDecimal(max)
        }
        writeStaticString("\r\n")
    }

    private mutating func writeSpace() { writeInteger(UInt8(ascii: " ")) }

    /// Writes a non-negative integer in decimal without allocating.
    mutating func writeDecimal(_ value: Int) {
        precondition(value >= 0)
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let index = writerIndex
        writeRepeatingByte(UInt8(ascii: "0"), count: digits)
        var rest = value
        var position = index + digits - 1
        while position >= index {
            setInteger(UInt8(truncatingIfNeeded: 48 + rest % 10), at: position)
            rest /= 10
            position -= 1
        }
    }
}

/// Validates subjects, reply subjects and queue names before they reach the wire.
enum SubjectCheck {
    /// Throws ``NatsError/invalidSubject`` if `subject` is empty or contains whitespace or control bytes.
    @inline(__always)
    static func validate(_ subject: String) throws {
        var ok = !subject.isEmpty
        if ok {
            var copy = subject
            copy.withUTF8 { bytes in
                for byte in bytes where byte <= 32 || byte == 127 {
                    ok = false
                    break
                }
            }
        }
        if !ok { throw NatsError(.invalidSubject, "'\(subject)'") }
    }
}
