@testable import BoshYAML
import BoshKitTestSupport
import Foundation
import Testing

/// The Swift bosh-int writer prints exactly what libyaml's C emitter prints for the same events (yaml.v2's
/// emitter is a port of it): over the whole corpus and over generated documents full of tricky scalars.
@Suite struct BoshIntWriterDifferentialTests {
    private func mismatch(_ tree: YAMLTree) throws -> (swift: String, libyaml: String)? {
        let swift = try tree.emitBytes(style: .boshInt)
        let reference = try tree.emitBytesWithLibYAML(tree.root, style: .boshInt)
        if swift == reference { return nil }
        return (String(decoding: swift, as: UTF8.self), String(decoding: reference, as: UTF8.self))
    }

    @Test func everyCorpusFileMatchesLibYAML() async throws {
        try await offCooperativePool { try Self().corpusMatchesLibYAML() }
    }

    func corpusMatchesLibYAML() throws {
        var mismatches: [String] = []
        for path in Fixtures.corpusFiles() {
            let source = try Fixtures.text(Fixtures.corpus.appendingPathComponent(path))
            if try mismatch(YAMLParser.parse(source, file: path)) != nil { mismatches.append(path) }
        }
        #expect(mismatches.isEmpty, "Swift writer differs from libyaml: \(mismatches.prefix(20))")
    }

    @Test(arguments: 0..<8)
    func generatedDocumentsMatchLibYAML(batch: Int) throws {
        // BOSHYAML_DUMP_GENERATED=DIR writes each document and the Swift writer's output there, with the
        // libyaml divergences left in, to compare against yaml.v2 itself (Fixtures/README.md).
        let dump = ProcessInfo.processInfo.environment["BOSHYAML_DUMP_GENERATED"]
        var generator = TrickyYAMLGenerator(seed: 0xB05C_0000 + UInt64(batch), libYAMLCompatible: dump == nil)
        var failures: [String] = []
        for index in 0..<150 {
            // Flow documents nest values; a bare scalar document exercises the root context.
            let source = index % 10 == 0 ? TrickyYAMLGenerator.quoted(generator.string()) : generator.document()
            let tree = try YAMLParser.parse(source, file: "generated-\(batch)-\(index)")
            if let dump {
                let name = "\(dump)/gen-\(batch)-\(index)"
                try source.write(toFile: name + ".yml", atomically: false, encoding: .utf8)
                try tree.emit(style: .boshInt).write(toFile: name + ".swift.out", atomically: false, encoding: .utf8)
            }
            if dump == nil, let (swift, libyaml) = try mismatch(tree), failures.count < 3 {
                failures.append("source: \(source)\n--- swift\n\(swift)--- libyaml\n\(libyaml)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
    }

    @Test func collectionKeysMatchLibYAML() throws {
        let source = """
            ? [a, b]
            : c
            ? {x: 1, y: [2, 3]}
            : - d
              - e
            ? []
            : f
            ? {}
            : [[g, [h]], {i: {}}]

            """
        let tree = try YAMLParser.parse(source)
        let difference = try mismatch(tree)
        #expect(difference == nil, "\(difference.map { "--- swift\n\($0.swift)--- libyaml\n\($0.libyaml)" } ?? "")")
    }

    @Test func emptyStreamIsNull() throws {
        let tree = try YAMLParser.parse("")
        #expect(try tree.emit(style: .boshInt) == "null\n")
        #expect(try mismatch(tree) == nil)
    }
}
