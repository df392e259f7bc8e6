import BoshYAML
import Foundation
import ManifestModel

/// diff_v57_v58 (parse cf-deployment v57.0.0 and v58.0.0, diff, render the redacted lines), diff_v57_v58_only
/// (diff and render pre-parsed trees), diff_large (the same on generated manifests with the instance groups
/// repeated 33×, every copy renamed) and diff_10x / diff_100x (instance groups repeated 10× and 100×, see
/// ``ScaleFixtures``). All are timed against the baseline in rounds.
enum DiffBenchmarks {
    static let copies = 33

    static func run(_ runner: BenchRunner) throws {
        let old = try BenchFixtures.corpusBytes("cf-deployment-history/cf-deployment-v57.0.0.yml")
        let new = try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml")
        runner.compare("diff_v57_v58", iterations: 20) { diffAndRender(old, new, expectedLines: 396) }

        let oldTree = try YAMLParser.parse(bytes: old, file: "old.yml")
        let newTree = try YAMLParser.parse(bytes: new, file: "new.yml")
        runner.compare("diff_v57_v58_only", iterations: 20) {
            let diff = try! ManifestDiff(old: oldTree, new: newTree)
            precondition(diff.rendered().utf8.count > 10_000)
        }

        if runner.wants("diff_large") {
            let bigOld = ScaleFixtures.repeatingInstanceGroups(old, copies, renameFirstCopy: true)
            let bigNew = ScaleFixtures.repeatingInstanceGroups(new, copies, renameFirstCopy: true)
            runner.compare(
                "diff_large", iterations: 2, warmup: 1,
                notes: [("input_over_1x", ScaleFixtures.roundedGrowth(bigOld.count + bigNew.count, old.count + new.count))]
            ) { diffAndRender(bigOld, bigNew, expectedLines: nil) }
        }
        for (factor, previous, perRound) in [(10, "diff_v57_v58", 3), (100, "diff_10x", 2)] {
            let name = "diff_\(factor)x"
            guard runner.wants(name) else { continue }
            let bigOld = ScaleFixtures.repeatingInstanceGroups(old, factor)
            let bigNew = ScaleFixtures.repeatingInstanceGroups(new, factor)
            runner.compare(
                name, iterations: perRound, warmup: 1, growthOf: (previous, 10),
                notes: [("input_over_1x", ScaleFixtures.roundedGrowth(bigOld.count + bigNew.count, old.count + new.count))]
            ) { diffAndRender(bigOld, bigNew, expectedLines: nil) }
        }
    }

    private static func diffAndRender(_ old: [UInt8], _ new: [UInt8], expectedLines: Int?) {
        let diff = try! ManifestDiff(
            old: YAMLParser.parse(bytes: old, file: "old.yml"), new: YAMLParser.parse(bytes: new, file: "new.yml"))
        let text = diff.rendered()
        if let expectedLines { precondition(diff.lines.count == expectedLines) }
        precondition(!text.isEmpty)
    }
}
