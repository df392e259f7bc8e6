import Foundation
import NIOCore

/// Incremental parser for the server side of the NATS protocol.
///
/// Feed it the bytes received so far; it returns one operation at a time and leaves incomplete input in the
/// buffer. Every limit is checked before waiting for more bytes, so garbage, an endless line or a huge
/// announced message size is a ``NatsError/protocolViolation`` at once, never unbounded buffering.
struct ProtocolParser {
    /// The longest control line accepted (an `INFO` with many cluster URLs fits easily).
    static let maxControlLine = 64 * 1024
    /// Slack above `max_payload` tolerated for server-added headers.
    static let payloadSlack = 64 * 1024

    /// The largest `MSG` / `HMSG` total size accepted; updated from every `INFO`.
    var maxPayload = NatsServerInfo.defaultMaxPayload

    private var pending: PendingMessage?

    private struct PendingMessage {
        var subject: String
        var sid: UInt64
        var replyTo: String?
        var headerSize: Int
        var totalSize: Int
    }

    /// Parses the next complete operation from `buffer`, or returns `nil` when more bytes are needed.
    mutating func next(_ buffer: inout ByteBuffer) throws -> ServerOperation? {
        if let message = pending {
            return try completeMessage(message, &buffer)
        }
        guard let lineLength = Self.lineLength(buffer) else {
            if buffer.readableBytes > Self.maxControlLine {
                throw NatsError(.protocolViolation, "no line end within \(Self.maxControlLine) bytes")
            }
            return nil
        }
        if let message = try fastMessageLine(buffer, lineLength: lineLength) {
            buffer.moveReaderIndex(forwardBy: lineLength + 1)
            return try completeMessage(message, &buffer)
        }
        let start = buffer.readerIndex
        var end = start + lineLength
        if end > start, buffer.getInteger(at: end - 1, as: UInt8.self) == UInt8(ascii: "\r") { end -= 1 }
        let line = buffer.getSlice(at: start, length: end - start)!
        buffer.moveReaderIndex(forwardBy: lineLength + 1)
        return try operation(line, &buffer)
    }

    /// The next operation if it is a complete, well-formed `MSG` (the hot path while subscribed); `nil` leaves
    /// everything else — other operations, incomplete input, unusual spacing — to ``next(_:)``.
    mutating func nextMessage(_ buffer: inout ByteBuffer) throws -> NatsMessage? {
        if let message = pending {
            return try completeMessageValue(message, &buffer)
        }
        guard let lineLength = Self.lineLength(buffer), let message = try fastMessageLine(buffer, lineLength: lineLength)
        else { return nil }
        buffer.moveReaderIndex(forwardBy: lineLength + 1)
        return try completeMessageValue(message, &buffer)
    }

    /// The hot path: a well-formed `MSG subject sid [reply] size` line parsed in one pass over the raw bytes.
    /// Returns `nil` for anything else, which then takes the general (and stricter-reporting) path.
    private func fastMessageLine(_ buffer: ByteBuffer, lineLength: Int) throws -> PendingMessage? {
        let parsed = buffer.withUnsafeReadableBytes { raw -> PendingMessage?? in
            var end = lineLength
            if end > 0, raw[end - 1] == 13 { end -= 1 }
            guard end > 4, raw[0] == 77, raw[1] == 83, raw[2] == 71, raw[3] == 32 else { return nil }
            var starts = (0, 0, 0, 0)
            var ends = (0, 0, 0, 0)
            var count = 0
            var i = 4
            while i < end {
                while i < end, raw[i] == 32 { i += 1 }
                guard i < end else { break }
                let start = i
                while i < end, raw[i] != 32 {
                    if raw[i] == 9 { return nil }
                    i += 1
                }
                switch count {
                case 0: (starts.0, ends.0) = (start, i)
                case 1: (starts.1, ends.1) = (start, i)
                case 2: (starts.2, ends.2) = (start, i)
                case 3: (starts.3, ends.3) = (start, i)
                default: return nil
                }
                count += 1
            }
            guard count == 3 || count == 4 else { return nil }
            func number(_ from: Int, _ to: Int) -> Int? {
                guard to > from, to - from <= 18 else { return nil }
                var value = 0
                for j in from..<to {
                    let digit = raw[j] &- 48
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            func text(_ from: Int, _ to: Int) -> String {
                String(decoding: UnsafeRawBufferPointer(rebasing: raw[from..<to]), as: UTF8.self)
            }
            guard let sid = number(starts.1, ends.1) else { return nil }
            let sizeRange = count == 4 ? (starts.3, ends.3) : (starts.2, ends.2)
            guard let size = number(sizeRange.0, sizeRange.1) else { return nil }
            return .some(
                PendingMessage(
                    subject: text(starts.0, ends.0), sid: UInt64(sid),
                    replyTo: count == 4 ? text(starts.2, ends.2) : nil, headerSize: 0, totalSize: size))
        }
        guard let message = parsed ?? nil else { return nil }
        if message.totalSize > maxPayload + Self.payloadSlack {
            throw NatsError(
                .protocolViolation,
                "message of \(message.totalSize) bytes exceeds max_payload \(maxPayload) on '\(message.subject)'")
        }
        return message
    }

    /// The distance to the next `\n` in the first `maxControlLine + 2` bytes.
    private static func lineLength(_ buffer: ByteBuffer) -> Int? {
        buffer.withUnsafeReadableBytes { raw -> Int? in
            let limit = min(raw.count, maxControlLine + 2)
            guard limit > 0, let base = raw.baseAddress else { return nil }
            guard let hit = memchr(base, Int32(UInt8(ascii: "\n")), limit) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    private mutating func operation(_ line: ByteBuffer, _ buffer: inout ByteBuffer) throws -> ServerOperation? {
        let op = Keyword(line)
        switch op {
        case .msg, .hmsg:
            let message = try parseMessageLine(line, headers: op == .hmsg)
            return try completeMessage(message, &buffer)
        case .ping: return .ping
        case .pong: return .pong
        case .ok: return .ok
        case .err:
            return .err(Self.errorText(line))
        case .info:
            let json = line.getSlice(at: line.readerIndex + 4, length: line.readableBytes - 4)!
            do {
                let info = try JSONDecoder().decode(NatsServerInfo.self, from: Data(json.readableBytesView))
                maxPayload = max(info.maxPayload, 0)
                return .info(info)
            } catch {
                throw NatsError(.protocolViolation, "malformed INFO: \(error)")
            }
        case .unknown:
            throw NatsError(.protocolViolation, "unknown operation '\(Self.printable(line))'")
        }
    }

    private mutating func completeMessage(_ message: PendingMessage, _ buffer: inout ByteBuffer) throws
        -> ServerOperation?
    {
        try completeMessageValue(message, &buffer).map(ServerOperation.msg)
    }

    private mutating func completeMessageValue(_ message: PendingMessage, _ buffer: inout ByteBuffer) throws
        -> NatsMessage?
    {
        guard buffer.readableBytes >= message.totalSize + 2 else {
            pending = message
            return nil
        }
        pending = nil
        var headers: NatsHeaders?
        if message.headerSize > 0 {
            let block = buffer.readSlice(length: message.headerSize)!
            headers = try HeaderCodec.parse(block)
        }
        let payload = buffer.readSlice(length: message.totalSize - message.headerSize)!
        guard buffer.readInteger(as: UInt16.self) == 0x0D0A else {
            throw NatsError(.protocolViolation, "message payload on '\(message.subject)' not followed by CRLF")
        }
        return NatsMessage(
            sid: message.sid, subject: message.subject, replyTo: message.replyTo, headers: headers, payload: payload)
    }

    private func parseMessageLine(_ line: ByteBuffer, headers: Bool) throws -> PendingMessage {
        let tokens = Tokens(line, skip: headers ? 4 : 3)
        let count = tokens.count
        let expected = headers ? 4...5 : 3...4
        guard expected.contains(count) else {
            throw NatsError(.protocolViolation, "malformed '\(Self.printable(line))'")
        }
        let subject = tokens.string(0, line)
        guard let sid = tokens.integer(1, line) else {
            throw NatsError(.protocolViolation, "bad sid in '\(Self.printable(line))'")
        }
        let hasReply = count == expected.upperBound
        let replyTo = hasReply ? tokens.string(2, line) : nil
        let sizeIndex = hasReply ? 3 : 2
        guard let first = tokens.integer(sizeIndex, line).flatMap(Int.init(exactly:)) else {
            throw NatsError(.protocolViolation, "bad size in '\(Self.printable(line))'")
        }
        var headerSize = 0
        var totalSize = first
        if headers {
            guard let total = tokens.integer(sizeIndex + 1, line).flatMap(Int.init(exactly:)), first <= total else {
                throw NatsError(.protocolViolation, "bad sizes in '\(Self.printable(line))'")
            }
            headerSize = first
            totalSize = total
        }
        if totalSize > maxPayload + Self.payloadSlack {
            throw NatsError(
                .protocolViolation, "message of \(totalSize) bytes exceeds max_payload \(maxPayload) on '\(subject)'")
        }
        return PendingMessage(
            subject: subject, sid: sid, replyTo: replyTo, headerSize: headerSize, totalSize: totalSize)
    }

    static func errorText(_ line: ByteBuffer) -> String {
        var text = String(buffer: line).dropFirst(4)
        text = text.drop { $0 == " " || $0 == "\t" }
        while text.last == " " { text = text.dropLast() }
        if text.count >= 2, text.first == "'", text.last == "'" { text = text.dropFirst().dropLast() }
        return String(text)
    }

    static func printable(_ line: ByteBuffer) -> String {
        let bytes = line.readableBytesView.prefix(40)
        return String(decoding: bytes.map { (32...126).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}

/// The operation keyword at the start of a control line (case-insensitive, as the NATS servers accept).
private enum Keyword: Equatable {
    case msg, hmsg, ping, pong, ok, err, info, unknown

    init(_ line: ByteBuffer) {
        func upper(_ i: Int) -> UInt8 {
            guard i < line.readableBytes, let b = line.getInteger(at: line.readerIndex + i, as: UInt8.self) else {
                return 0
            }
            return (b >= 97 && b <= 122) ? b - 32 : b
        }
        func matches(_ word: StaticString, separated: Bool) -> Bool {
            let n = word.utf8CodeUnitCount
            for i in 0..<n where upper(i) != word.utf8Start[i] { return false }
            if !separated { return line.readableBytes == n || upper(n) == 32 || upper(n) == 9 }
            return upper(n) == 32 || upper(n) == 9
        }
        if matches("MSG", separated: true) {
            self = .msg
        } else if matches("HMSG", separated: true) {
            self = .hmsg
        } else if matches("PING", separated: false) {
            self = .ping
        } else if matches("PONG", separated: false) {
            self = .pong
        } else if matches("+OK", separated: false) {
            self = .ok
        } else if matches("-ERR", separated: false) {
            self = .err
        } else if matches("INFO", separated: true) {
            self = .info
        } else {
            self = .unknown
        }
    }
}

/// Up to six whitespace-separated argument ranges of a control line, without allocating.
private struct Tokens {
    private var ranges: (Range<Int>, Range<Int>, Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (
        0..<0, 0..<0, 0..<0, 0..<0, 0..<0, 0..<0
    )
    private(set) var count = 0

    init(_ line: ByteBuffer, skip: Int) {
        line.withUnsafeReadableBytes { raw in
            var i = skip
            let n = raw.count
            while i < n {
                while i < n, raw[i] == 32 || raw[i] == 9 { i += 1 }
                guard i < n else { break }
                let start = i
                while i < n, raw[i] != 32, raw[i] != 9 { i += 1 }
                if count == 6 {
                    count += 1
                    return
                }
                set(count, start..<i)
                count += 1
            }
        }
    }

    private mutating func set(_ i: Int, _ r: Range<Int>) {
        switch i {
        case 0: ranges.0 = r
        case 1: ranges.1 = r
        case 2: ranges.2 = r
        case 3: ranges.3 = r
        case 4: ranges.4 = r
        default: ranges.5 = r
        }
    }

    private func range(_ i: Int) -> Range<Int> {
        switch i {
        case 0: return ranges.0
        case 1: return ranges.1
        case 2: return ranges.2
        case 3: return ranges.3
        case 4: return ranges.4
        default: return ranges.5
        }
    }

    func string(_ i: Int, _ line: ByteBuffer) -> String {
        let r = range(i)
        return line.getString(at: line.readerIndex + r.lowerBound, length: r.count) ?? ""
    }

    func integer(_ i: Int, _ line: ByteBuffer) -> UInt64? {
        let r = range(i)
        guard r.count > 0, r.count <= 19 else { return nil }
        return line.withUnsafeReadableBytes { raw -> UInt64? in
            var value: UInt64 = 0
            for j in r {
                let d = raw[j] &- 48
                guard d < 10 else { return nil }
                value = value * 10 + UInt64(d)
            }
            return value
        }
    }
}
