import NatsClient
import Testing

/// A misbehaving server must produce a clear error or a reconnect: never a crash, a hang or unbounded memory.
@Suite("Malformed server input")
struct BadServerTests {
    func options(_ server: FakeServer) -> NatsClientOptions {
        testOptions([server.url]) {
            $0.connectTimeout = .milliseconds(500)
            $0.maxReconnectAttempts = 1
        }
    }

    @Test func garbageInsteadOfInfo() async throws {
        let server = try FakeServer(script: Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
        defer { server.stop() }
        await #expect(throws: NatsError.protocolViolation) {
            _ = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func halfLineThenSilenceTimesOut() async throws {
        let server = try FakeServer(script: Array("INFO {\"server_id\":".utf8))
        defer { server.stop() }
        await #expect(throws: NatsError.timeout) {
            _ = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func silentServerTimesOut() async throws {
        let server = try FakeServer(script: FakeServer.info)
        defer { server.stop() }
        await #expect(throws: NatsError.timeout) {
            _ = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    @Test func unexpectedErrDuringHandshake() async throws {
        let server = try FakeServer(script: FakeServer.info, replies: [Array("-ERR 'Unknown Protocol Operation'\r\n".utf8)])
        defer { server.stop() }
        let error = await #expect(throws: NatsError.serverError) {
            _ = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
        #expect(error?.context == "Unknown Protocol Operation")
    }

    @Test func closedSocketMidHandshake() async throws {
        let server = try FakeServer(script: FakeServer.info, closeAfterScript: true)
        defer { server.stop() }
        await #expect(throws: NatsError.self) {
            _ = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        }
    }

    /// After a good handshake the server announces a 1 GB message: the client drops the connection and
    /// reports a protocol violation instead of buffering a gigabyte.
    @Test func hugeMessageSizeAfterHandshakeDisconnects() async throws {
        let server = try FakeServer(
            script: FakeServer.info, replies: [Array("PONG\r\n".utf8), Array("MSG foo 1 1000000000\r\nxx".utf8)])
        defer { server.stop() }
        let client = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        let events = client.events()
        try await client.publish("poke", to: "x")
        let event = try await waitForEvent(events) {
            if case .disconnected = $0 { return true }
            if case .closed = $0 { return true }
            return false
        }
        guard case .disconnected(let error) = event else { Issue.record("expected a disconnect, got \(event)"); return }
        #expect(error == NatsError.protocolViolation)
        #expect(error?.context?.contains("1000000000") == true)
        await client.close()
    }

    @Test func garbageAfterHandshakeDisconnects() async throws {
        let server = try FakeServer(
            script: FakeServer.info, replies: [Array("PONG\r\n".utf8), Array("\u{7}\u{8}garbage\r\n".utf8)])
        defer { server.stop() }
        let client = try await withTimeout(5) { try await NatsClient.connect(self.options(server), logger: testLogger) }
        let events = client.events()
        try await client.publish("poke", to: "x")
        let event = try await waitForEvent(events) {
            if case .disconnected = $0 { return true }
            return false
        }
        #expect(event == .disconnected(NatsError.protocolViolation))
        await client.close()
    }

    @Test func connectionRefusedIsConnectionFailed() async throws {
        let port = FreePort.next()
        await #expect(throws: NatsError.connectionFailed) {
            _ = try await NatsClient.connect(testOptions(["nats://127.0.0.1:\(port)"]), logger: testLogger)
        }
    }
}
