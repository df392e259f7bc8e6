import NIOCore
import NatsClient
import Testing

@Suite("Publish and subscribe against nats-server")
struct PubSubTests {
    @Test func roundTrip() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let sub = try await client.subscribe(to: "greet.joe")
            try await client.publish("hello", to: "greet.joe")
            try await client.publish([1, 2, 3] as [UInt8], to: "greet.joe")
            let messages = try await collect(sub, count: 2)
            #expect(messages.map(\.string) == ["hello", "\u{1}\u{2}\u{3}"])
            #expect(messages[0].subject == "greet.joe")
            #expect(messages[0].replyTo == nil)
            #expect(client.serverInfo.maxPayload == 1_048_576)
            await client.close()
        }
    }

    @Test func wildcards() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let star = try await client.subscribe(to: "agent.*.hb")
            let tail = try await client.subscribe(to: "agent.>")
            for subject in ["agent.a.hb", "agent.b.hb", "agent.a.hb.x", "agent.c"] {
                try await client.publish(subject, to: subject)
            }
            #expect(try await collect(star, count: 2).map(\.subject) == ["agent.a.hb", "agent.b.hb"])
            #expect(
                try await collect(tail, count: 4).map(\.subject) == ["agent.a.hb", "agent.b.hb", "agent.a.hb.x", "agent.c"])
            try await client.flush()
            #expect(star.pendingMessages == 0)
            await client.close()
        }
    }

    @Test func queueGroupSpreadsMessages() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let members = [
                try await client.subscribe(to: "work", queue: "workers"),
                try await client.subscribe(to: "work", queue: "workers"),
                try await client.subscribe(to: "work", queue: "workers"),
            ]
            let total = 300
            for i in 0..<total { try await client.publish("\(i)", to: "work") }
            try await client.flush()
            try await Task.sleep(for: .milliseconds(100))
            let counts = members.map(\.pendingMessages)
            #expect(counts.reduce(0, +) == total)
            #expect(counts.allSatisfy { $0 > 0 }, "every member gets a share: \(counts)")
            await client.close()
        }
    }

    @Test func headersRoundTrip() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let sub = try await client.subscribe(to: "h")
            var headers: NatsHeaders = ["Trace-Id": "42"]
            headers.append("a", for: "Multi")
            headers.append("b", for: "Multi")
            try await client.publish("body", to: "h", replyTo: "reply.here", headers: headers)
            let message = try #require(try await collect(sub, count: 1).first)
            #expect(message.string == "body")
            #expect(message.replyTo == "reply.here")
            #expect(message.headers?["Trace-Id"] == "42")
            #expect(message.headers?.values(for: "Multi") == ["a", "b"])
            await #expect(throws: NatsError.invalidHeader) {
                try await client.publish("x", to: "h", headers: ["Bad": "line\r\nbreak"])
            }
            await client.close()
        }
    }

    @Test func maxPayloadIsEnforcedBeforeSending() async throws {
        try await withNatsServer(.init(configText: "max_payload: 1024")) { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            #expect(client.serverInfo.maxPayload == 1024)
            let sub = try await client.subscribe(to: "big")
            await #expect(throws: NatsError.maxPayloadExceeded) {
                try await client.publish(ByteBuffer(repeating: 0, count: 1025), to: "big")
            }
            try await client.publish(ByteBuffer(repeating: 7, count: 1024), to: "big")
            let message = try #require(try await collect(sub, count: 1).first)
            #expect(message.payload.readableBytes == 1024)
            #expect(client.isConnected)
            await client.close()
        }
    }

    @Test func invalidSubjectsAreRefused() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            await #expect(throws: NatsError.invalidSubject) { try await client.publish("x", to: "a b") }
            await #expect(throws: NatsError.invalidSubject) { try await client.publish("x", to: "") }
            await #expect(throws: NatsError.invalidSubject) { _ = try await client.subscribe(to: "a\r\nPUB x 1") }
            #expect(client.isConnected)
            await client.close()
        }
    }

    @Test func unsubscribeAfterMessagesEndsTheSequence() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let sub = try await client.subscribe(to: "n")
            try await sub.unsubscribe(afterMessages: 3)
            for i in 0..<10 { try await client.publish("\(i)", to: "n") }
            let received = try await withTimeout(15) {
                var all: [String] = []
                for await message in sub { all.append(message.string) }
                return all
            }
            #expect(received == ["0", "1", "2"])
            await client.close()
        }
    }

    @Test func slowConsumerDropsAndReports() async throws {
        try await withNatsServer { server in
            let options = testOptions([server.url]) { $0.subscriptionPendingMessages = 10 }
            let client = try await NatsClient.connect(options, logger: testLogger)
            let events = client.events()
            let sub = try await client.subscribe(to: "flood")
            for i in 0..<50 { try await client.publish("\(i)", to: "flood") }
            try await client.flush()
            let event = try await waitForEvent(events) {
                if case .slowConsumer = $0 { return true }
                return false
            }
            guard case .slowConsumer(let subject, let dropped) = event else { return }
            #expect(subject == "flood" && dropped >= 1)
            #expect(sub.pendingMessages == 10)
            #expect(sub.droppedMessages == 40)
            let first = try await collect(sub, count: 10)
            #expect(first.map(\.string) == (0..<10).map(String.init))
            await client.close()
        }
    }

    @Test func drainDeliversWhatArrivedThenCloses() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let sub = try await client.subscribe(to: "d")
            for i in 0..<100 { try await client.publish("\(i)", to: "d") }
            try await client.drain()
            #expect(!client.isConnected)
            var seen = 0
            for await _ in sub { seen += 1 }
            #expect(seen == 100)
            await #expect(throws: NatsError.connectionClosed) { try await client.publish("x", to: "d") }
        }
    }

    @Test func twoClientsTalk() async throws {
        try await withNatsServer { server in
            let a = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let b = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let sub = try await a.subscribe(to: "from.b")
            for i in 0..<1000 { try await b.publish("\(i)", to: "from.b") }
            let messages = try await collect(sub, count: 1000)
            #expect(messages.map(\.string) == (0..<1000).map(String.init))
            await a.close()
            await b.close()
        }
    }
}
