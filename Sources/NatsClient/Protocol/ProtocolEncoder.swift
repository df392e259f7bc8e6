import NIOCore

/// Writes client operations into a `ByteBuffer`.
extension ByteBuffer {
    /// `PUB subject [reply] size\r\npayload\r\n`, or `HPUB` with a header block.
    mutating func writePublish(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) {
        if let headers {
            writeStaticString("HPUB ")
            writeString(subject)
            writeSpace()
            if let replyTo {
                writeString(replyTo)
                writeSpace()
            }
            writeDecimal(headers.readableBytes)
            writeSpace()
            writeDecimal(headers.readableBytes + payload.readableBytes)
            writeStaticString("\r\n")
            writeImmutableBuffer(headers)
        } else {
            writeStaticString("PUB ")
            writeString(subject)
            writeSpace()
            if let replyTo {
                writeString(replyTo)
                writeSpace()
            }
            writeDecimal(payload.readableBytes)
            writeStaticString("\r\n")
        }
        writeImmutableBuffer(payload)
        writeStaticString("\r\n")
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
