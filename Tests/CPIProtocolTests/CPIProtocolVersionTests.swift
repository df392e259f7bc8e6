import Testing
import CPIProtocol

@Test func moduleVersionIsSet() {
    #expect(!CPIProtocolVersion.isEmpty)
}
