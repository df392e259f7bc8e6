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
}
