import BoshYAML
import Foundation
import ManifestModel

/// ops_chain (read cf-deployment.yml and its 79 ops files, apply, emit bosh-int text) and ops_apply (apply only).
enum OpsBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let manifest = try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml")
        let chainList = BenchFixtures.corpus.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ManifestModelTests/Fixtures/ops-chain-v58/chain.txt")
        let chain = try String(contentsOf: chainList, encoding: .utf8).split(separator: "\n").map(String.init)
        let opsBytes = try chain.map { try BenchFixtures.corpusBytes("cf-deployment-v58/" + $0) }

        runner.measure("ops_chain", iterations: 100) {
            var document = PatchDocument(try! YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml"))
            for (i, bytes) in opsBytes.enumerated() {
                try! document.apply(OpsFile(tree: YAMLParser.parse(bytes: bytes, file: chain[i])).operations)
            }
            let out = try! document.result.emitBytes(style: .boshInt)
            precondition(out.count > 100_000)
        }

        let tree = try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
        let files = try opsBytes.enumerated().map { try OpsFile(tree: YAMLParser.parse(bytes: $0.element, file: chain[$0.offset])) }
        runner.measure("ops_apply", iterations: 100) {
            var document = PatchDocument(tree)
            try! document.apply(files)
        }
    }
}
