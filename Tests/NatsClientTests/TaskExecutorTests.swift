import NIOCore
import NatsClient
import Testing

@Suite("Running tasks on the client's event loop")
struct TaskExecutorTests {
    @Test func responderAndRequesterOnTheirEventLoops() async throws {
        try await withNatsServer { server in
            let responder = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let requester = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let service = try await responder.subscribe(to: "loop.echo")
            let serving = Task(executorPreference: responder.taskExecutor) {
                for await message in service {
                    if let reply = message.replyTo { try? await responder.publish(message.payload, to: reply) }
                }
            }
            let answers = try await Task(executorPreference: requester.taskExecutor) {
                var answers: [String] = []
                for i in 0..<200 { answers.append(try await requester.request("\(i)", to: "loop.echo").string) }
                for i in 0..<10_000 { try await requester.publish("\(i)", to: "loop.flood") }
                try await requester.flush()
                return answers
            }.value
            #expect(answers == (0..<200).map(String.init))
            serving.cancel()
            await requester.close()
            await responder.close()
        }
    }

    /// A publisher on the event loop writes full chunks itself and waits while the socket is full: every
    /// message of a stream far larger than the chunk size and the write limit arrives, in order.
    @Test func publisherOnTheEventLoopStreamsInOrder() async throws {
        try await withNatsServer { server in
            let subscriber = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            let publisher = try await NatsClient.connect(
                testOptions([server.url]) { $0.writeBufferLimit = 256 * 1024 }, logger: testLogger)
            let sub = try await subscriber.subscribe(to: "loop.stream")
            let count = 20_000
            let filler = String(repeating: "x", count: 1000)
            let receiving = Task { try await collect(sub, count: count, within: 60) }
            try await Task(executorPreference: publisher.taskExecutor) {
                for i in 0..<count { try await publisher.publish("\(i) \(filler)", to: "loop.stream") }
                try await publisher.flush(timeout: .seconds(30))
            }.value
            let received = try await receiving.value
            #expect(received.count == count)
            #expect(received.map { $0.string.prefix { $0 != " " } } == (0..<count).map { Substring(String($0)) })
            #expect(sub.droppedMessages == 0)
            await publisher.close()
            await subscriber.close()
        }
    }
}
