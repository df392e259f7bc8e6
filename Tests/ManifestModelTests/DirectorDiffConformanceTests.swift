import BoshYAML
import Foundation
import ManifestModel
import Testing

/// `ManifestDiff` against outputs recorded from the director's own changeset code
/// (Fixtures/director-diff/README.md).
@Suite struct DirectorDiffConformanceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/director-diff")

    static let pairs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { !$0.contains(".") }.sorted()
    }()

    static func tree(_ path: String) throws -> YAMLTree {
        try YAMLParser.parse(bytes: [UInt8](Data(contentsOf: fixtures.appendingPathComponent(path))), file: path)
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }


    @Test func thereAreAtLeastTwentyFiveRecordedPairs() {
        #expect(Self.pairs.count >= 25)
    }

    @Test(arguments: pairs, [true, false])
    func matchesTheDirector(pair: String, redact: Bool) throws {
        let diff = try ManifestDiff(old: Self.tree("\(pair)/old.yml"), new: Self.tree("\(pair)/new.yml"), redact: redact)
        let variant = redact ? "redacted" : "unredacted"
        #expect(diff.rendered() == (try Self.text("\(pair)/expected.\(variant).txt")))
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent("\(pair)/expected.\(variant).json")))
        let expected = (json as? [[Any]] ?? []).map { pair -> String in
            let status = pair[1] as? String ?? "unchanged"
            return "\(status)|\(pair[0] as? String ?? "?")"
        }
        #expect(diff.lines.map { "\($0.state.rawValue)|\($0.description)" } == expected)
        #expect(diff.hasChanges == !expected.isEmpty)
    }

    @Test(arguments: [true, false])
    func cfDeploymentV57ToV58(redact: Bool) throws {
        let old = try Corpus.tree("cf-deployment-history/cf-deployment-v57.0.0.yml")
        let new = try Corpus.tree("cf-deployment-v58/cf-deployment.yml")
        let diff = try ManifestDiff(old: old, new: new, redact: redact)
        let expected = try Self.text("v57-to-v58.\(redact ? "redacted" : "unredacted").txt")
        #expect(diff.rendered() == expected)
        #expect(diff.lines.count == 396)
        #expect(diff.kind == .deployment)
    }

    @Test func configPairsAreDiffedAsConfigs() throws {
        let diff = try ManifestDiff(old: Self.tree("cloud-config/old.yml"), new: Self.tree("cloud-config/new.yml"))
        #expect(diff.kind == .cloudConfig)
        let runtime = try ManifestDiff(old: Self.tree("runtime-config/old.yml"), new: Self.tree("runtime-config/new.yml"))
        #expect(runtime.kind == .runtimeConfig)
    }
}
