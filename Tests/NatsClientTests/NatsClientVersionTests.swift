import Testing
import NatsClient

@Test func moduleVersionIsSet() {
    #expect(!NatsClientVersion.isEmpty)
}
