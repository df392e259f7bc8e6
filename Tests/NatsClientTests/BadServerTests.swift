import NatsClient
import Testing

/// A misbehaving server must produce a clear error or a reconnect: never a crash, a hang or unbounded memory.
@Suite("Malformed server input")
struct BadServerTests {
    func options(_ server: FakeServer) -> NatsClientOptions {
        testOptions([server.url]) {
            $0.connectTimeout = .seconds(3)
            $0.maxReconnectAttempts = 1
        }
    }

    @Test func garbageInsteadOfInfo() async throws {
        let server = try FakeServer(script: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
        defer { server.stop() }
        await #expect(throws: NatsError.protocolViolation) {
            _ = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func halfLineThenSilenceTimesOut() async throws {
        let server = try FakeServer(script: Array("INFO {\"server_id\":".utf8))
        defer { server.stop() }
        await #expect(throws: NatsError.timeout) {
            _ = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func silentServerTimesOut() async throws {
        let server = try FakeServer(script: FakeServer.info)
        defer { server.stop() }
        await #expect(throws: NatsError.timeout) {
            _ = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func unexpectedErrDuringHandshake() async throws {
        let server = try FakeServer(script: FakeServer.info, replies: [Array("-ERR 'Unknown Protocol Operation'\r\n".utf8)])
        defer { server.stop() }
        let error = await #expect(throws: NatsError.serverError) {
            _ = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
        #expect(error?.context == "Unknown Protocol Operation")
    }

    @Test func closedSocketMidHandshake() async throws {
        let server = try FakeServer(script: FakeServer.info, closeAfterScript: true)
        defer { server.stop() }
        await #expect(throws: NatsError.self) {
            _ = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    /// Connects to a fake server that completes the handshake, pokes it so it sends `bytes`, and returns the
    /// event that follows.
    func eventAfterServerSends(_ bytes: String) async throws -> NatsEvent {
        let server = try FakeServer(script: FakeServer.info, replies: [Array("PONG\r\n".utf8), Array(bytes.utf8)])
        defer { server.stop() }
        let client = try await withTimeout(60) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        let events = client.events()
        try await client.publish("poke", to: "x")
        let event = try await waitFor(.disconnectedOrClosed, events)
        await client.close()
        return event
    }

    /// After a good handshake the server announces a 1 GB message: the client drops the connection and
    /// reports a protocol violation instead of buffering a gigabyte.
    @Test func hugeMessageSizeAfterHandshakeDisconnects() async throws {
        let event = try await eventAfterServerSends("MSG foo 1 1000000000\r\nxx")
        guard case .disconnected(let error) = event else { Issue.record("expected a disconnect, got \(event)"); return }
        #expect(error == NatsError.protocolViolation)
        #expect(error?.context?.contains("1000000000") == true)
    }

    @Test func garbageAfterHandshakeDisconnects() async throws {
        #expect(try await eventAfterServerSends("\u{7}\u{8}garbage\r\n") == .disconnected(NatsError.protocolViolation))
    }

    @Test func halfMessageThenSilenceIsCaughtByKeepAlive() async throws {
        let server = try FakeServer(
            script: FakeServer.info, replies: [Array("PONG\r\n".utf8), Array("MSG foo 1 10\r\nabc".utf8)])
        defer { server.stop() }
        var pinging = options(server)
        // Long enough that the event stream exists before the connection goes stale, even on a loaded machine.
        pinging.pingInterval = .milliseconds(400)
        let settings = pinging
        let client = try await withTimeout(15) { try await NatsClient.connect(settings, logger: testLogger) }
        let events = client.events()
        try await client.publish("poke", to: "x")
        #expect(try await waitFor(.disconnectedOrClosed, events, within: 10) == .disconnected(NatsError.staleConnection))
        await client.close()
    }

    @Test func connectionRefusedIsConnectionFailed() async throws {
        let port = FreePort.next()
        await #expect(throws: NatsError.connectionFailed) {
            _ = try await NatsClient.connect(testOptions(["nats://127.0.0.1:\(port)"]), logger: testLogger)
        }
    }
}
