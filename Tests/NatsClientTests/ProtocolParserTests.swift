import NIOCore
import Testing

@testable import NatsClient

@Suite("Protocol parser")
struct ProtocolParserTests {
    func parseAll(_ text: String, chunk: Int = .max) throws -> [ServerOperation] {
        var parser = ProtocolParser()
        var buffer = ByteBuffer()
        var operations: [ServerOperation] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            buffer.writeString(String(rest.prefix(chunk)))
            rest = rest.dropFirst(chunk)
            while let operation = try parser.next(&buffer) { operations.append(operation) }
        }
        return operations
    }

    func messages(_ operations: [ServerOperation]) -> [NatsMessage] {
        operations.compactMap {
            if case .msg(let message) = $0 { return message }
            return nil
        }
    }

    @Test func parsesEveryOperationWholeAndByteByByte() throws {
        let wire = "INFO {\"server_id\":\"S\",\"version\":\"2.9.10\",\"max_payload\":2048,\"headers\":true,\"new_key\":[1]}\r\n"
            + "MSG foo.bar 7 5\r\nhello\r\n" + "MSG foo 8 reply.to 0\r\n\r\n" + "PING\r\n" + "PONG\r\n" + "+OK\r\n"
            + "-ERR 'Permissions Violation for Publish to \"x\"'\r\n"
            + "HMSG h 9 r 25 27\r\nNATS/1.0\r\nA: b\r\nC:  d\r\n\r\nhi\r\n" + "HMSG s 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\n"
        for chunk in [Int.max, 1, 3, 7] {
            let operations = try parseAll(wire, chunk: chunk)
            #expect(operations.count == 9)
            guard case .info(let info) = operations[0] else { Issue.record("no INFO"); return }
            #expect(info.maxPayload == 2048 && info.headers && info.version == "2.9.10")
            let msgs = messages(operations)
            #expect(msgs.map(\.subject) == ["foo.bar", "foo", "h", "s"])
            #expect(msgs[0].sid == 7 && msgs[0].string == "hello" && msgs[0].replyTo == nil)
            #expect(msgs[1].replyTo == "reply.to" && msgs[1].payload.readableBytes == 0)
            #expect(msgs[2].headers?["A"] == "b" && msgs[2].headers?["C"] == "d" && msgs[2].string == "hi")
            #expect(msgs[3].headers?.status == 503)
            guard case .err(let text) = operations[6] else { Issue.record("no -ERR"); return }
            #expect(text == "Permissions Violation for Publish to \"x\"")
        }
    }

    @Test func lowercaseAndTabsAreAccepted() throws {
        let operations = try parseAll("msg\tfoo 1\t3\r\nabc\r\nping\r\n")
        #expect(messages(operations).first?.string == "abc")
        #expect(operations.count == 2)
    }

    @Test func garbageIsAProtocolViolation() {
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("HELLO WORLD\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("MSG foo\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("MSG foo x 3\r\nabc\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("MSG foo 1 -3\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("MSG foo 1 3\r\nabcde\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("HMSG foo 1 9 3\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("HMSG foo 1 2 2\r\nXX\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("INFO {not json\r\n") }
        #expect(throws: NatsError.protocolViolation) { _ = try parseAll("\u{0}\u{1}\u{2}\r\n") }
    }

    @Test func halfLineWaitsForMoreWithoutConsuming() throws {
        var parser = ProtocolParser()
        var buffer = ByteBuffer(string: "MSG foo 1 5\r\nhel")
        #expect(try parser.next(&buffer) == nil)
        buffer.writeString("lo\r\nPI")
        guard case .msg(let message) = try parser.next(&buffer) else { Issue.record("no message"); return }
        #expect(message.string == "hello")
        #expect(try parser.next(&buffer) == nil)
        #expect(buffer.readableBytes == 2)
    }

    @Test func hugeAnnouncedSizeFailsAtOnce() {
        var parser = ProtocolParser()
        var buffer = ByteBuffer(string: "MSG foo 1 1073741824\r\n")
        #expect(throws: NatsError.protocolViolation) { _ = try parser.next(&buffer) }
        var overflow = ByteBuffer(string: "MSG foo 1 99999999999999999999999\r\n")
        #expect(throws: NatsError.protocolViolation) { _ = try parser.next(&overflow) }
    }

    @Test func endlessLineIsBounded() throws {
        var parser = ProtocolParser()
        var buffer = ByteBuffer(repeating: UInt8(ascii: "A"), count: 1000)
        #expect(try parser.next(&buffer) == nil)
        buffer.writeRepeatingByte(UInt8(ascii: "A"), count: ProtocolParser.maxControlLine + 10)
        #expect(throws: NatsError.protocolViolation) { _ = try parser.next(&buffer) }
    }

    @Test func headerCodecRoundTrip() throws {
        var headers: NatsHeaders = ["Nats-Msg-Id": "1"]
        headers.append("x", for: "K")
        headers.append("y", for: "K")
        let block = try HeaderCodec.encode(headers)
        #expect(String(buffer: block) == "NATS/1.0\r\nNats-Msg-Id: 1\r\nK: x\r\nK: y\r\n\r\n")
        #expect(try HeaderCodec.parse(block) == headers)
        let status = try HeaderCodec.parse(ByteBuffer(string: "NATS/1.0 408 Request Timeout\r\n\r\n"))
        #expect(status.status == 408 && status.statusDescription == "Request Timeout")
        #expect(throws: NatsError.invalidHeader) { _ = try HeaderCodec.encode(["Bad Name": "v"]) }
    }

    @Test func encoderWritesTheWireFormat() {
        var buffer = ByteBuffer()
        buffer.writePublish(subject: "a.b", replyTo: nil, headers: nil, payload: ByteBuffer(string: "hi"))
        buffer.writePublish(subject: "a", replyTo: "r", headers: ByteBuffer(string: "NATS/1.0\r\n\r\n"), payload: ByteBuffer(string: "xyz"))
        buffer.writeSubscribe(subject: "s.>", queue: "q", sid: 12)
        buffer.writeUnsubscribe(sid: 12, max: 100)
        buffer.writeDecimal(0)
        #expect(
            String(buffer: buffer)
                == "PUB a.b 2\r\nhi\r\nHPUB a r 12 15\r\nNATS/1.0\r\n\r\nxyz\r\nSUB s.> q 12\r\nUNSUB 12 100\r\n0")
    }

    @Test func serverURLs() throws {
        let plain = try ServerAddress(parsing: "nats://u:p%40ss@10.0.0.6:4223")
        #expect(plain.host == "10.0.0.6" && plain.port == 4223 && plain.user == "u" && plain.password == "p@ss")
        let tls = try ServerAddress(parsing: "tls://nats.example")
        #expect(tls.tlsRequired && tls.port == 4222)
        let bare = try ServerAddress(parsing: "127.0.0.1:5000")
        #expect(bare.host == "127.0.0.1" && bare.port == 5000)
        let v6 = try ServerAddress(parsing: "[::1]:4000")
        #expect(v6.host == "::1" && v6.port == 4000)
        #expect(throws: NatsError.invalidURL) { _ = try ServerAddress(parsing: "http://x") }
        #expect(throws: NatsError.invalidURL) { _ = try ServerAddress(parsing: "nats://host:99999") }
    }

    @Test func certificateNamePatterns() {
        #expect(TLSSetup.nameMatches("default.nats.bosh-internal", "*.nats.bosh-internal"))
        #expect(TLSSetup.nameMatches("*.nats.bosh-internal", "*.nats.bosh-internal"))
        #expect(!TLSSetup.nameMatches("a.b.nats.bosh-internal", "*.nats.bosh-internal"))
        #expect(!TLSSetup.nameMatches("nats.bosh-internal", "*.nats.bosh-internal"))
        #expect(!TLSSetup.nameMatches("evil.nats.bosh-internal.com", "*.nats.bosh-internal"))
    }
}
