import Testing

@testable import BoshAgent

@Suite struct AgentRuntimeLoggingTests {
    /// The mbus URLs the agent logs keep host and port but never the NATS credentials they usually carry.
    @Test func loggedMbusURLsHaveNoCredentials() {
        #expect(AgentRuntime.withoutCredentials("nats://nats:s3cret@10.0.0.6:4222") == "nats://10.0.0.6:4222")
        #expect(AgentRuntime.withoutCredentials("nats://token@10.0.0.6:4222") == "nats://10.0.0.6:4222")
        #expect(AgentRuntime.withoutCredentials("nats://10.0.0.6:4222") == "nats://10.0.0.6:4222")
    }
}
