import NatsClient
import Testing

/// What the server tells the client besides messages: stale connections, lame duck mode, permission errors,
/// cluster members.
@Suite("Server signals")
struct ServerSignalTests {
    @Test func unansweredPingsMakeTheConnectionStale() async throws {
        let server = try FakeServer(script: FakeServer.info, replies: [Array("PONG\r\n".utf8)])
        defer { server.stop() }
        let options = testOptions([server.url]) {
            // Long enough that the event stream exists before the connection goes stale, even under load.
            $0.pingInterval = .milliseconds(400)
            $0.maxPingsOutstanding = 2
            $0.maxReconnectAttempts = 1
        }
        let client = try await NatsClient.connect(options, logger: testLogger)
        let event = try await waitForEvent(client.events(), within: 15) {
            if case .disconnected = $0 { return true }
            return false
        }
        #expect(event == .disconnected(NatsError.staleConnection))
        await client.close()
    }

    @Test func lameDuckModeAndDiscoveredServersAreReported() async throws {
        let info = "INFO {\"server_id\":\"FAKE\",\"max_payload\":1048576,\"ldm\":true,\"connect_urls\":[\"127.0.0.1:1\"]}\r\n"
        let server = try FakeServer(script: FakeServer.info, replies: [Array("PONG\r\n".utf8), Array(info.utf8)])
        defer { server.stop() }
        let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
        let events = client.events()
        try await client.publish("poke", to: "x")
        let discovered = try await waitForEvent(events, within: 15) {
            if case .discoveredServers = $0 { return true }
            return false
        }
        #expect(discovered == .discoveredServers(["127.0.0.1:1"]))
        _ = try await waitForEvent(events, within: 15) { $0 == .lameDuckMode }
        await client.close()
    }

    @Test func permissionViolationKeepsTheConnection() async throws {
        let config = """
            authorization {
              users = [{user: agent, password: pw, permissions: {publish: {deny: "director.>"}}}]
            }
            """
        try await withNatsServer(.init(configText: config)) { server in
            let options = testOptions([server.url]) { $0.authentication = .userPassword(user: "agent", password: "pw") }
            let client = try await NatsClient.connect(options, logger: testLogger)
            let events = client.events()
            try await client.publish("no", to: "director.x")
            let event = try await waitForEvent(events, within: 15) {
                if case .serverError = $0 { return true }
                return false
            }
            #expect(event == .serverError("Permissions Violation for Publish to \"director.x\""))
            let sub = try await client.subscribe(to: "hm.agent")
            try await client.publish("ok", to: "hm.agent")
            #expect(try await collect(sub, count: 1).map(\.string) == ["ok"])
            #expect(client.isConnected)
            await client.close()
        }
    }

    @Test func eventsEndWithClosed() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let events = client.events()
            await client.close()
            var all: [NatsEvent] = []
            for await event in events { all.append(event) }
            #expect(all == [.closed(nil)])
            await client.close()
        }
    }
}
