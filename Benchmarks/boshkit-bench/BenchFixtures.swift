import Foundation

/// Benchmark inputs, read from `Benchmarks/boshkit-bench/Fixtures` next to this source file, or from the
/// YAML corpus the tests ship (`Tests/BoshYAMLTests/Fixtures/corpus`).
enum BenchFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/BoshYAMLTests/Fixtures/corpus")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func corpusBytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: corpus.appendingPathComponent(path)))
    }
}
