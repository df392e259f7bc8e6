import BoshKitTestSupport
import BoshYAML
import Foundation
import Testing

/// Every corpus file printed in bosh-int style is byte-identical to what Go's yaml.v2 (and so `bosh int`) prints.
@Suite struct BoshIntConformanceTests {
    @Test func corpusIsNotEmpty() {
        #expect(Fixtures.corpusFiles().count > 300)
    }

    @Test func everyCorpusFileMatchesBoshInt() async throws {
        try await offCooperativePool { try Self.everyCorpusFileMatchesBoshInt() }
    }

    static func everyCorpusFileMatchesBoshInt() throws {
        var mismatches: [String] = []
        for path in Fixtures.corpusFiles() {
            let source = try Fixtures.text(Fixtures.corpus.appendingPathComponent(path))
            let expected = try Fixtures.text(Fixtures.boshInt.appendingPathComponent(path))
            let tree = try YAMLParser.parse(source, file: path)
            let actual = try tree.emit(style: .boshInt)
            if actual != expected { mismatches.append(path) }
        }
        #expect(mismatches.isEmpty, "differs from bosh int: \(mismatches.prefix(20))")
    }

    @Test func recordedBoshIntOutputsMatch() async throws {
        try await offCooperativePool { try Self.recordedBoshIntOutputsMatch() }
    }

    static func recordedBoshIntOutputsMatch() throws {
        let recorded = Fixtures.root.appendingPathComponent("bosh-int-recorded")
        let enumerator = FileManager.default.enumerator(atPath: recorded.path)
        var checked = 0
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".yml") else { continue }
            let source = try Fixtures.text(Fixtures.corpus.appendingPathComponent(path))
            let expected = try Fixtures.text(recorded.appendingPathComponent(path))
            #expect(try YAMLParser.parse(source, file: path).emit(style: .boshInt) == expected, "\(path)")
            checked += 1
        }
        #expect(checked == 31)
    }

    @Test func roundTripPreservingKeepsTheData() async throws {
        try await offCooperativePool { try Self.roundTripPreservingKeepsTheData() }
    }

    static func roundTripPreservingKeepsTheData() throws {
        var mismatches: [String] = []
        for path in Fixtures.corpusFiles() {
            let source = try Fixtures.text(Fixtures.corpus.appendingPathComponent(path))
            let tree = try YAMLParser.parse(source, file: path)
            let written = try tree.emit(style: .preserving)
            let reread = try YAMLParser.parse(written, file: path + " (re-read)")
            if try reread.emit(style: .boshInt) != tree.emit(style: .boshInt) { mismatches.append(path) }
        }
        #expect(mismatches.isEmpty, "round trip changed: \(mismatches.prefix(20))")
    }
}
