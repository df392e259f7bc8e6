import Foundation

/// Benchmark inputs, read from `Benchmarks/boshkit-bench/Fixtures` next to this source file.
enum BenchFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
