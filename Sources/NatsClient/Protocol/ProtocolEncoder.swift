import NIOCore

/// Writes client operations into a `ByteBuffer`.
extension ByteBuffer {
    /// `PUB subject [reply] size\r\npayload\r\n`, or `HPUB` with a header block, in one pass over the buffer.
    mutating func writePublish(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) {
        let headerBytes = headers?.readableBytes ?? 0
        let total = headerBytes + payload.readableBytes
        let subjectBytes = subject.utf8.count
        let replyBytes = replyTo.map { $0.utf8.count + 1 } ?? 0
        let sizes = headers == nil ? Self.digits(total) : Self.digits(headerBytes) + 1 + Self.digits(total)
        let needed = (headers == nil ? 4 : 5) + subjectBytes + 1 + replyBytes + sizes + 2 + total + 2
        writeWithUnsafeMutableBytes(minimumWritableBytes: needed) { raw in
            let out = raw.baseAddress!
            var at = 0
            func put(_ byte: UInt8) {
                out.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
                at += 1
            }
            func put(_ text: String) {
                let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                    (out + at).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                    at += bytes.count
                    return true
                }
                if copied == nil { for byte in text.utf8 { put(byte) } }
            }
            func put(number: Int) {
                var value = number
                let count = Self.digits(number)
                var index = at + count - 1
                repeat {
                    out.storeBytes(of: UInt8(truncatingIfNeeded: 48 + value % 10), toByteOffset: index, as: UInt8.self)
                    value /= 10
                    index -= 1
                } while value > 0
                at += count
            }
            func put(buffer: ByteBuffer) {
                buffer.withUnsafeReadableBytes { bytes in
                    if bytes.count > 0 { (out + at).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
                    at += bytes.count
                }
            }
            if headers != nil { put(UInt8(ascii: "H")) }
            put(UInt8(ascii: "P"))
            put(UInt8(ascii: "U"))
            put(UInt8(ascii: "B"))
            put(UInt8(ascii: " "))
            put(subject)
            put(UInt8(ascii: " "))
            if let replyTo {
                put(replyTo)
                put(UInt8(ascii: " "))
            }
            if let headers {
                put(number: headers.readableBytes)
                put(UInt8(ascii: " "))
            }
            put(number: total)
            put(UInt8(ascii: "\r"))
            put(UInt8(ascii: "\n"))
            if let headers { put(buffer: headers) }
            put(buffer: payload)
            put(UInt8(ascii: "\r"))
            put(UInt8(ascii: "\n"))
            return at
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
