import Testing
import StemcellSpec

@Test func moduleVersionIsSet() {
    #expect(!StemcellSpecVersion.isEmpty)
}
