import BoshYAML
import CLibYAML
import Foundation
import ManifestModel

/// YAML and manifest rows: libyaml_scan (baseline), yaml_parse, manifest_decode, yaml_emit.
enum YAMLBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let manifest = try BenchFixtures.bytes("cf-deployment.yml")
        let iterations = 200

        runner.measure("libyaml_scan", iterations: iterations) {
            precondition(rawScan(manifest) > 7_000)
        }
        runner.measure("yaml_parse", iterations: iterations) {
            let tree = try! YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
            precondition(tree.nodeCount > 1000)
        }
        runner.measure("manifest_decode", iterations: iterations) {
            let m = try! DeploymentManifest(bytes: manifest, file: "cf-deployment.yml")
            precondition(m.instanceGroups!.count > 10)
        }
        let tree = try YAMLParser.parse(bytes: manifest, file: "cf-deployment.yml")
        runner.measure("yaml_emit", iterations: iterations) {
            let out = try! tree.emitBytes(style: .boshInt)
            precondition(out.count > 50_000)
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
