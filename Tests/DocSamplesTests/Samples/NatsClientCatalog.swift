// The Swift samples of Sources/NatsClient/NatsClient.docc/NatsClient.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import Logging
import NatsClient

enum NatsClientCatalog {
    static func roundTrip(logger: Logger) async throws {
        let client = try await NatsClient.connect(NatsClientOptions(servers: ["nats://127.0.0.1:4222"]), logger: logger)

        let subscription = try await client.subscribe(to: "greet.*")
        Task {
            for await message in subscription {
                if let reply = message.replyTo { try await client.publish("hi \(message.subject)", to: reply) }
            }
        }

        try await client.publish("hello", to: "greet.joe")
        let answer = try await client.request("ping", to: "greet.sue", timeout: .seconds(2))
        try await client.drain()
        _ = answer
    }
}
