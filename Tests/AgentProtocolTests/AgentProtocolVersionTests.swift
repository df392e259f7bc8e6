import Testing
import AgentProtocol

@Test func moduleVersionIsSet() {
    #expect(!AgentProtocolVersion.isEmpty)
}
