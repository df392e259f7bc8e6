import NatsClient
import Testing

@Suite("Reconnect and cluster failover")
struct ReconnectTests {
    @Test func killAndRestartDeliversOutageMessagesExactlyOnceInOrder() async throws {
        let server = try await NatsServerProcess.start()
        defer { server.stop() }
        let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
        let events = client.events()
        let sub = try await client.subscribe(to: "stream")
        let queued = try await client.subscribe(to: "stream.q", queue: "workers")

        for i in 0..<100 { try await client.publish("\(i)", to: "stream") }
        #expect(try await collect(sub, count: 100).map(\.string) == (0..<100).map(String.init))

        server.stop()
        _ = try await waitFor(.disconnected, events)
        #expect(!client.isConnected)
        for i in 100..<600 { try await client.publish("\(i)", to: "stream") }
        try await client.publish("q", to: "stream.q")
        await #expect(throws: NatsError.notConnected) { try await client.flush() }

        try await server.restart()
        let event = try await waitFor(.reconnected, events)
        #expect(event == .reconnected("127.0.0.1:\(server.port)"))
        let after = try await collect(sub, count: 500, within: 15)
        #expect(after.map(\.string) == (100..<600).map(String.init))
        #expect(try await collect(queued, count: 1).map(\.string) == ["q"], "queue group restored")

        try await client.publish("600", to: "stream")
        try await client.flush()
        let next = try await collect(sub, count: 1)
        #expect(next.map(\.string) == ["600"], "nothing duplicated before the live message")
        #expect(sub.pendingMessages == 0)
        await client.close()
    }

    /// The server dies while a publisher on the event loop is streaming large messages into the socket: the
    /// publisher neither crashes nor hangs (its publishes go on into the reconnect buffer or fail with
    /// `reconnectBufferExceeded`), and the client reconnects once the server is back.
    @Test func serverKilledMidWriteNeitherCrashesNorHangs() async throws {
        let server = try await NatsServerProcess.start()
        defer { server.stop() }
        let options = testOptions([server.url]) { $0.reconnectBufferSize = 1 << 20 }
        let client = try await NatsClient.connect(options, logger: testLogger)
        let events = client.events()
        let payload = [UInt8](repeating: 0x61, count: 64 * 1024)
        let publishing = Task(executorPreference: client.taskExecutor) { () throws -> (sent: Int, refused: Int) in
            var sent = 0
            var refused = 0
            // Until the reconnect buffer refused a few: the server dies meanwhile (the bound is a safety net).
            while refused < 10, sent < 1_000_000 {
                do {
                    try await client.publish(payload, to: "bulk")
                    sent += 1
                } catch let error as NatsError where error == .reconnectBufferExceeded {
                    refused += 1
                }
            }
            return (sent, refused)
        }
        try await Task.sleep(for: .milliseconds(50))
        server.stop()
        _ = try await waitFor(.disconnected, events)
        let (sent, refused) = try await withTimeout(60) { try await publishing.value }
        #expect(sent > 16 && refused == 10)
        try await server.restart()
        _ = try await waitFor(.reconnected, events)
        try await client.flush()
        await client.close()
    }

    @Test func reconnectBufferIsBounded() async throws {
        let server = try await NatsServerProcess.start()
        defer { server.stop() }
        let options = testOptions([server.url]) { $0.reconnectBufferSize = 4096 }
        let client = try await NatsClient.connect(options, logger: testLogger)
        let events = client.events()
        server.stop()
        _ = try await waitFor(.disconnected, events)
        await #expect(throws: NatsError.reconnectBufferExceeded) {
            for _ in 0..<1000 { try await client.publish("0123456789", to: "x") }
        }
        await client.close()
    }

    @Test func givesUpAfterMaxReconnectAttempts() async throws {
        let server = try await NatsServerProcess.start()
        defer { server.stop() }
        let options = testOptions([server.url]) { $0.maxReconnectAttempts = 2 }
        let client = try await NatsClient.connect(options, logger: testLogger)
        let events = client.events()
        let sub = try await client.subscribe(to: "x")
        server.stop()
        let closed = try await waitFor(.closed, events)
        #expect(closed == .closed(NatsError.connectionFailed))
        let ended = try await withTimeout(15) { () -> Int in
            var n = 0
            for await _ in sub { n += 1 }
            return n
        }
        #expect(ended == 0)
    }

    @Test func clusterFailoverWhenOneOfThreeServersDies() async throws {
        let clusterPorts = (0..<3).map { _ in FreePort.next() }
        var servers: [NatsServerProcess] = []
        defer { servers.forEach { $0.stop() } }
        for i in 0..<3 {
            let config = NatsServerProcess.Configuration(
                clusterPort: clusterPorts[i], routes: clusterPorts.enumerated().filter { $0.offset != i }.map(\.element))
            servers.append(try await NatsServerProcess.start(config))
        }
        // The subscriber knows only server 0 and learns the others from INFO connect_urls.
        let subscriber = try await NatsClient.connect(testOptions([servers[0].url]), logger: testLogger)
        let events = subscriber.events()
        let publisher = try await NatsClient.connect(testOptions([servers[2].url]), logger: testLogger)
        let sub = try await subscriber.subscribe(to: "cluster.x")

        // Wait for the routes: a message published on server 2 reaches the subscriber on server 0.
        try await withTimeout(20, "cluster formation") {
            while true {
                try await publisher.publish("probe", to: "cluster.x")
                if sub.pendingMessages > 0 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        _ = try await withTimeout(20, "discovery: \(subscriber.serverInfo.connectURLs)") {
            while subscriber.serverInfo.connectURLs.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        }
        while sub.pendingMessages > 0 { _ = try await collect(sub, count: 1) }

        servers[0].stop()
        let event = try await waitFor(.reconnected, events)
        guard case .reconnected(let where_) = event else { return }
        #expect(where_ != "127.0.0.1:\(servers[0].port)")

        // Interest propagates over the route asynchronously; publish until the first arrives, then 50 more.
        try await withTimeout(20, "interest after failover") {
            while sub.pendingMessages == 0 {
                try await publisher.publish("probe", to: "cluster.x")
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        for i in 0..<50 { try await publisher.publish("\(i)", to: "cluster.x") }
        let received = try await withTimeout(20, "50 messages after failover") {
            var values: [String] = []
            for await message in sub where message.string != "probe" {
                values.append(message.string)
                if values.count == 50 { break }
            }
            return values
        }
        #expect(received == (0..<50).map(String.init))
        await subscriber.close()
        await publisher.close()
    }
}
