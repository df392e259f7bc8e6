// The Swift samples of Documentation/NatsClient.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import Logging
import NatsClient

enum NatsClientGuide {
    static func connect() async throws {
        let logger = Logger(label: "director.nats")
        let client = try await NatsClient.connect(
            NatsClientOptions(servers: ["nats://10.0.0.6:4222", "nats://10.0.0.7:4222"], name: "director"),
            logger: logger)
        _ = client
    }

    static func publishSubscribeRequest(client: NatsClient, json: String, id: String, uuid: String, token: String) async throws {
        let sub = try await client.subscribe(to: "hm.agent.heartbeat.*")          // `*` one token, `>` the rest
        let workers = try await client.subscribe(to: "jobs", queue: "workers")     // queue group: one member each
        Task {
            for await message in sub {                                            // ends on unsubscribe/drain/close
                print(message.subject, message.string, message.headers?["Trace-Id"] ?? "-")
            }
        }

        try await client.publish("hello", to: "greet.joe")                        // String, bytes, or ByteBuffer
        try await client.publish(json, to: "agent.\(id)", replyTo: "director.\(uuid).\(token)",
                                 headers: ["Trace-Id": "42"])                     // HPUB
        let reply = try await client.request("ping", to: "svc.echo", timeout: .seconds(2))
        try await sub.unsubscribe(afterMessages: 10)                              // UNSUB <sid> 10
        try await client.flush()                                                  // PING/PONG round trip
        try await client.drain()                                                  // unsubscribe all, deliver, close
        _ = (workers, reply)
    }

    static func tls(caPEM: String, certPEM: String, keyPEM: String) async throws {
        let tls = NatsTLSOptions(
            trustRoots: .pem(caPEM),                       // or .file(path); nil = system roots
            clientCertificate: .pem(certPEM), privateKey: .pem(keyPEM),
            serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal"))
        let client = try await NatsClient.connect(NatsClientOptions(servers: ["nats://10.0.0.6:4222"], tls: tls))
        _ = client
    }
}
