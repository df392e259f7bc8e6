import AgentProtocol
import Testing

@Suite struct SendableTests {
    func requireSendable<T: Sendable>(_: T.Type) {}

    /// Compiles only if the public types can cross tasks.
    @Test func publicTypesAreSendable() {
        requireSendable(AgentClient.self)
        requireSendable(AgentServer.self)
        requireSendable(AgentError.self)
        requireSendable(AgentRequest.self)
        requireSendable(AgentResponse.self)
        requireSendable(ApplySpec.self)
        requireSendable(AgentState.self)
        requireSendable(AgentSettings.self)
        requireSendable(Heartbeat.self)
        requireSendable(Alert.self)
        requireSendable(AgentClient.Configuration.self)
        requireSendable(AgentServer.Configuration.self)
    }
}
