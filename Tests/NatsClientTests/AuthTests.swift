import NatsClient
import Testing

@Suite("Authentication")
struct AuthTests {
    // A long authentication timeout: under a loaded CI machine the server's default (2 s) can expire before
    // the client's CONNECT arrives, which would turn a credentials test into a timing test.
    static let userConfig = NatsServerProcess.Configuration(
        configText: "authorization { user: director, password: s3cret, timeout: 30 }")

    @Test func userAndPassword() async throws {
        try await withNatsServer(Self.userConfig) { server in
            let options = testOptions([server.url]) { $0.authentication = .userPassword(user: "director", password: "s3cret") }
            let client = try await NatsClient.connect(options, logger: testLogger)
            #expect(client.serverInfo.authRequired)
            try await client.flush()
            await client.close()
            let viaURL = try await NatsClient.connect(
                testOptions(["nats://director:s3cret@127.0.0.1:\(server.port)"]), logger: testLogger)
            try await viaURL.flush()
            await viaURL.close()
        }
    }

    @Test func wrongPasswordIsAnAuthorizationViolation() async throws {
        try await withNatsServer(Self.userConfig) { server in
            let options = testOptions([server.url]) { $0.authentication = .userPassword(user: "director", password: "nope") }
            let error = await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(options, logger: testLogger)
            }
            #expect(error?.context == "Authorization Violation")
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(testOptions([server.url]), logger: testLogger)
            }
        }
    }

    @Test func token() async throws {
        try await withNatsServer(.init(configText: "authorization { token: t0ken, timeout: 30 }")) { server in
            let client = try await NatsClient.connect(
                testOptions([server.url]) { $0.authentication = .token("t0ken") }, logger: testLogger)
            try await client.flush()
            await client.close()
            await #expect(throws: NatsError.authorizationViolation) {
                _ = try await NatsClient.connect(
                    testOptions([server.url]) { $0.authentication = .token("wrong") }, logger: testLogger)
            }
        }
    }
}
