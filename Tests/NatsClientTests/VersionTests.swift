import NatsClient
import Testing

@Test func moduleVersionIsSet() {
    #expect(!NatsClientVersion.isEmpty)
}
