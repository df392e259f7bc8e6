import NatsClient
import Testing

/// Compile-time checks: the public types cross task boundaries.
@Test func publicTypesAreSendable() {
    func requireSendable<T: Sendable>(_: T.Type) {}
    requireSendable(NatsClient.self)
    requireSendable(NatsClientOptions.self)
    requireSendable(NatsTLSOptions.self)
    requireSendable(NatsSubscription.self)
    requireSendable(NatsMessage.self)
    requireSendable(NatsHeaders.self)
    requireSendable(NatsEvent.self)
    requireSendable(NatsError.self)
    requireSendable(NatsServerInfo.self)
    requireSendable(NatsPeerCertificate.self)
}
