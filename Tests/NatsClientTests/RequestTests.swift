import NIOCore
import NatsClient
import Testing

@Suite("Request / reply")
struct RequestTests {
    /// Answers every request on `subject` with "re: <payload>" until the subscription ends.
    static func serve(_ client: NatsClient, _ subscription: NatsSubscription) -> Task<Void, Never> {
        Task {
            for await message in subscription {
                guard let reply = message.replyTo else { continue }
                try? await client.publish("re: \(message.string)", to: reply)
            }
        }
    }

    @Test func requestReply() async throws {
        try await withNatsServer { server in
            let responder = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let service = Self.serve(responder, try await responder.subscribe(to: "svc.echo"))
            let reply = try await client.request("ping", to: "svc.echo", timeout: .seconds(10))
            #expect(reply.string == "re: ping")
            let many = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<50 {
                    group.addTask { try await client.request("\(i)", to: "svc.echo", timeout: .seconds(15)).string }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(many == Set((0..<50).map { "re: \($0)" }))
            service.cancel()
            await client.close()
            await responder.close()
        }
    }

    @Test func noRespondersFailsFast() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let started = ContinuousClock.now
            await #expect(throws: NatsError.noResponders) {
                _ = try await client.request("x", to: "nobody.home", timeout: .seconds(120))
            }
            // The error itself says it: a timeout would have thrown `.timeout`. The bound is generous (loaded CI).
            #expect(ContinuousClock.now - started < .seconds(60), "failed fast, not after the 120 s timeout")
            await client.close()
        }
    }

    @Test func timeoutWhenResponderIsSilent() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let silent = try await client.subscribe(to: "silent")
            let started = ContinuousClock.now
            await #expect(throws: NatsError.timeout) {
                _ = try await client.request("x", to: "silent", timeout: .milliseconds(200))
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(190) && elapsed < .seconds(60))
            #expect(silent.pendingMessages == 1)
            await client.close()
        }
    }

    /// Closing the client fails every waiting request at once, and a request after the close is refused.
    @Test func closeFailsWaitingRequests() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let silent = try await client.subscribe(to: "silent.close")
            let waiting = (0..<5).map { _ in
                Task { try await client.request("x", to: "silent.close", timeout: .seconds(300)) }
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while silent.pendingMessages < 5, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(silent.pendingMessages == 5, "all requests reached the server")
            let started = ContinuousClock.now
            await client.close()
            for request in waiting {
                await #expect(throws: NatsError.connectionClosed) { _ = try await request.value }
            }
            #expect(ContinuousClock.now - started < .seconds(120), "failed at close, not at the 300 s timeout")
            await #expect(throws: NatsError.connectionClosed) {
                _ = try await client.request("x", to: "silent.close", timeout: .seconds(1))
            }
        }
    }

    /// Timeouts share one reaper timer: a short request after a long one still expires on time, and so does
    /// the long one after it.
    @Test func mixedTimeoutsEachExpireOnTime() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            _ = try await client.subscribe(to: "silent")
            let started = ContinuousClock.now
            let long = Task { () -> Duration in
                await #expect(throws: NatsError.timeout) {
                    _ = try await client.request("x", to: "silent", timeout: .seconds(20))
                }
                return ContinuousClock.now - started
            }
            try await Task.sleep(for: .milliseconds(20))
            await #expect(throws: NatsError.timeout) {
                _ = try await client.request("y", to: "silent", timeout: .milliseconds(100))
            }
            let short = ContinuousClock.now - started
            #expect(short < .seconds(15), "short request expired after \(short), not with the long one")
            let longElapsed = await long.value
            #expect(longElapsed >= .milliseconds(19_980) && longElapsed < .seconds(80))
            await client.close()
        }
    }

    @Test func cancellingARequestThrows() async throws {
        try await withNatsServer { server in
            let client = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            _ = try await client.subscribe(to: "slow")
            let task = Task { try await client.request("x", to: "slow", timeout: .seconds(30)) }
            try await Task.sleep(for: .milliseconds(50))
            task.cancel()
            await #expect(throws: CancellationError.self) { _ = try await task.value }
            await client.close()
        }
    }
}
