import BoshYAML
import Foundation
import ManifestModel

/// ops_chain (read cf-deployment.yml and its 79 ops files, apply, emit bosh-int text), ops_apply (apply only), and
/// ops_chain_10x / ops_chain_100x (the same chain on cf-deployment with its instance groups repeated, see
/// ``ScaleFixtures``). All are timed against the baseline in rounds.
enum OpsBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let manifest = try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml")
        let chainList = BenchFixtures.corpus.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ManifestModelTests/Fixtures/ops-chain-v58/chain.txt")
        let chain = try String(contentsOf: chainList, encoding: .utf8).split(separator: "\n").map(String.init)
        let opsBytes = try chain.map { try BenchFixtures.corpusBytes("cf-deployment-v58/" + $0) }

        func chainRow(_ manifest: [UInt8], minimumOutput: Int) throws {
            var document = PatchDocument(try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml"))
            for (i, bytes) in opsBytes.enumerated() {
                try document.apply(OpsFile(tree: YAMLParser.parse(bytes: bytes, file: chain[i])).operations)
            }
            let out = try document.result.emitBytes(style: .boshInt)
            precondition(out.count > minimumOutput)
        }
        runner.compare("ops_chain", iterations: 20) { try chainRow(manifest, minimumOutput: 100_000) }

        let tree = try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
        let files = try opsBytes.enumerated().map { try OpsFile(tree: YAMLParser.parse(bytes: $0.element, file: chain[$0.offset])) }
        runner.compare("ops_apply", iterations: 20) {
            var document = PatchDocument(tree)
            try document.apply(files)
        }

        for (factor, previous, perRound) in [(10, "ops_chain", 3), (100, "ops_chain_10x", 2)] {
            let name = "ops_chain_\(factor)x"
            guard runner.wants(name) else { continue }
            let big = ScaleFixtures.repeatingInstanceGroups(manifest, factor)
            runner.compare(
                name, iterations: perRound, warmup: 1, growthOf: (previous, 10),
                notes: [("input_over_1x", ScaleFixtures.roundedGrowth(big.count, manifest.count))]
            ) { try chainRow(big, minimumOutput: 100_000) }
        }
    }
}
