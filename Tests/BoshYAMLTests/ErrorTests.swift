import BoshKitTestSupport
import BoshYAML
import Testing

/// Malformed input gets `file:line:column: what is wrong`, never a crash.
@Suite struct ErrorTests {
    private func error(_ source: String) throws -> YAMLError {
        try #require(throws: YAMLError.self) { try YAMLParser.parse(source, file: "bad.yml") }
    }

    @Test func duplicateKeyNamesBothLines() throws {
        let e = try error("name: a\nother: 1\nname: b\n")
        #expect(e.kind == .duplicateKey)
        #expect(e.description == "bad.yml:3:1: mapping key \"name\" already defined at line 1, column 1")
    }

    @Test func duplicateKeysInLargeMappings() throws {
        var source = (0..<100).map { "k\($0): \($0)" }.joined(separator: "\n")
        source += "\nk42: again\n"
        let e = try error(source)
        #expect(e.kind == .duplicateKey)
        #expect(e.mark == SourceMark(line: 101, column: 1))
        #expect(e.message.contains("line 43"))
    }

    /// Mappings of every size class the duplicate check treats differently (a few keys, up to 24, more).
    @Test(arguments: [2, 3, 4, 5, 12, 24, 25, 40])
    func duplicateKeysAtEveryMappingSize(pairs: Int) throws {
        let first = (pairs - 1) / 2
        var lines = (0..<pairs - 1).map { "k\($0): \($0)" }
        lines.append("k\(first): again")
        let e = try error(lines.joined(separator: "\n") + "\n")
        #expect(e.mark == SourceMark(line: pairs, column: 1))
        #expect(e.message == "mapping key \"k\(first)\" already defined at line \(first + 1), column 1")

        var numeric = (0..<pairs - 1).map { "\($0 + 10): x" }
        numeric.append("0x\(String(first + 10, radix: 16)): again")
        #expect(try error(numeric.joined(separator: "\n") + "\n").mark == SourceMark(line: pairs, column: 1))
        numeric[pairs - 1] = "\"\(first + 10)\": a string, not a duplicate"
        #expect(try YAMLParser.parse(numeric.joined(separator: "\n") + "\n").documents.count == 1)
    }

    @Test func numericallyEqualKeysAreDuplicates() throws {
        #expect(try error("1: a\n0x1: b\n").kind == .duplicateKey)
        #expect(try YAMLParser.parse("1: a\n\"1\": b\n").documents.count == 1)
    }

    @Test func tabIndentation() throws {
        let e = try error("a:\n\tb: 1\n")
        #expect(e.kind == .syntax)
        #expect(e.description.hasPrefix("bad.yml:2:1: found a tab character"))
    }

    @Test func unterminatedQuote() throws {
        let e = try error("a: 1\nb: \"open\nc: 2\n")
        #expect(e.description.hasPrefix("bad.yml:2:4: unterminated quoted string"))
    }

    @Test func badIndentation() throws {
        let e = try error("a:\n  b: 1\n c: 2\n")
        #expect(e.kind == .syntax)
        #expect(e.mark?.line == 3)
        #expect(e.message.contains("indentation"))
    }

    @Test func unknownAlias() throws {
        let e = try error("a: *nope\n")
        #expect(e.kind == .unknownAlias)
        #expect(e.description.hasPrefix("bad.yml:1:4: unknown anchor 'nope' referenced"))
    }

    @Test func forwardAliasIsUnknown() throws {
        #expect(try error("a: *x\nb: &x 1\n").kind == .unknownAlias)
    }

    @Test func recursiveAlias() throws {
        #expect(try error("a: &x\n  b: *x\n").kind == .recursiveAlias)
    }

    @Test func binaryGarbage() throws {
        var bytes: [UInt8] = Array("a: 1\nb: ".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0x9C, 0x80, 0x81]
        let e = try #require(throws: YAMLError.self) { try YAMLParser.parse(bytes: bytes, file: "bin") }
        #expect(e.kind == .invalidUTF8)
        #expect(e.description.hasPrefix("bin:2:4:"))
    }

    @Test func randomBytesNeverCrash() throws {
        var generator = SplitMix(seed: 42)
        for _ in 0..<300 {
            let count = Int(generator.next() % 200)
            let alphabet = Array("ab:- \n\t[]{},&*!|>'\"#%@`?<0123456789.~".utf8)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if let tree = try? YAMLParser.parse(bytes: bytes) {
                _ = try tree.emit(style: .boshInt)
                _ = try tree.emit(style: .preserving)
            }
        }
    }

    @Test func deepNestingIsAClearError() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let e = try error(deep)
        #expect(e.kind == .tooDeep)
        let blockDeep = (0..<10_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(try error(blockDeep).kind == .tooDeep)
    }

    @Test func nestingWithinTheLimitWorks() throws {
        let depth = YAMLParser.maximumDepth
        let tree = try YAMLParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(tree.nodeCount == depth)
        _ = try tree.emit(style: .boshInt)
    }
}
