import BoshYAML
import CLibYAML
import Foundation
import ManifestModel

/// YAML and manifest rows: libyaml_scan (baseline), yaml_parse, manifest_decode, yaml_emit, and yaml_parse_10x /
/// yaml_parse_100x (cf-deployment with its instance groups repeated, see ``ScaleFixtures``). All of them are
/// timed against the baseline in rounds (``BenchRunner/runComparisons()``).
enum YAMLBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let manifest = try BenchFixtures.bytes("cf-deployment.yml")
        let iterations = 40

        runner.setBaseline("libyaml_scan", iterations: 20) {
            precondition(rawScan(manifest) > 7_000)
        }
        runner.compare("yaml_parse", iterations: iterations) {
            let tree = try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
            precondition(tree.nodeCount > 1000)
        }
        runner.compare("manifest_decode", iterations: iterations) {
            let m = try DeploymentManifest(bytes: manifest, file: "cf-deployment.yml")
            precondition(m.instanceGroups!.count > 10)
        }
        let tree = try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
        runner.compare("yaml_emit", iterations: iterations) {
            let out = try tree.emitBytes(style: .boshInt)
            precondition(out.count > 50_000)
        }
        for (factor, previous, perRound) in [(10, "yaml_parse", 5), (100, "yaml_parse_10x", 3)] {
            let name = "yaml_parse_\(factor)x"
            guard runner.wants(name) else { continue }
            let big = ScaleFixtures.repeatingInstanceGroups(manifest, factor)
            runner.compare(
                name, iterations: perRound, warmup: 1, growthOf: (previous, 10),
                notes: [("input_over_1x", ScaleFixtures.roundedGrowth(big.count, manifest.count))]
            ) {
                let tree = try YAMLParser.parse(bytes: big, file: "cf-deployment.yml")
                precondition(tree.nodeCount > 1000 * factor)
            }
        }
    }

    /// The baseline: libyaml's event loop over the whole file, doing nothing with the events.
    static func rawScan(_ bytes: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        var events = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                events += 1
                if done { break }
            }
        }
        return events
    }
}
