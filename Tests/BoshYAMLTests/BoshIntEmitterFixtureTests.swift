import BoshYAML
import Foundation
import Testing

/// Emitter corner cases (escapes, folding, block indicators, long and multi-line keys, deep nesting) print
/// exactly what Go's yaml.v2 printed for them (Fixtures/emitter, recorded outside the repository).
@Suite struct BoshIntEmitterFixtureTests {
    static let directory = Fixtures.root.appendingPathComponent("emitter")

    static func cases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".bosh-int.yml") }.sorted()
    }

    @Test func fixturesArePresent() {
        #expect(Self.cases().count >= 3)
    }

    @Test(arguments: cases())
    func matchesYAMLv2(name: String) throws {
        let source = try Fixtures.text(Self.directory.appendingPathComponent(name))
        let expected = try Fixtures.text(
            Self.directory.appendingPathComponent(name.replacingOccurrences(of: ".yml", with: ".bosh-int.yml")))
        let actual = try YAMLParser.parse(source, file: name).emit(style: .boshInt)
        #expect(actual == expected)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let (index, (got, want)) = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("line \(index + 1): got \(got.debugDescription), want \(want.debugDescription)")
            }
        }
    }
}
