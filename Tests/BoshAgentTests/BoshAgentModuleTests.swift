import Testing
@testable import BoshAgent

@Suite struct BoshAgentModuleTests {
    @Test func moduleLinks() { #expect(String(describing: BoshAgent.self) == "BoshAgent") }
}
