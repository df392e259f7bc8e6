import BoshYAML
import Foundation
import ManifestModel
import Testing

/// The acceptance case: cf-deployment v58 with its 79 ops files applied gives exactly what `bosh int` gives.
@Suite struct OpsChainTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func cfDeploymentOpsChainMatchesBoshInt() throws {
        let chain = try String(contentsOf: Self.fixtures.appendingPathComponent("ops-chain-v58/chain.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(chain.count == 79)
        var document = PatchDocument(try Corpus.tree("cf-deployment-v58/cf-deployment.yml"))
        for path in chain {
            try document.apply(OpsFile(tree: try Corpus.tree("cf-deployment-v58/" + path)).operations)
        }
        let expected = try String(
            contentsOf: Self.fixtures.appendingPathComponent("ops-chain-v58/expected.bosh-int.yml"), encoding: .utf8)
        let actual = try document.result.emit(style: .boshInt)
        #expect(actual == expected)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i + 1): got '\(a[i])', expected '\(e[i])'")
            }
        }
    }
}
