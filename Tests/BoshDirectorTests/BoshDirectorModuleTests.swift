import Testing
@testable import BoshDirector

@Suite struct BoshDirectorModuleTests {
    @Test func moduleLinks() { #expect(String(describing: BoshDirector.self) == "BoshDirector") }
}
