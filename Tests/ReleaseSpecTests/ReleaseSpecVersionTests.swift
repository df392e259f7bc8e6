import Testing
import ReleaseSpec

@Test func moduleVersionIsSet() {
    #expect(!ReleaseSpecVersion.isEmpty)
}
