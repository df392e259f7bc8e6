import Foundation

/// YAML and manifest rows: libyaml_scan (baseline), yaml_parse, manifest_decode, yaml_emit.
enum YAMLBenchmarks {
    static func run(_ runner: BenchRunner) throws {
    }
}
