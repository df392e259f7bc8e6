import BoshYAML
import Testing

/// The parser writes nodes, child ids and scalar bytes into arrays sized from the text's length; documents denser
/// than that estimate move to buffers of their own mid-parse and must come out the same.
@Suite struct TreeBuilderCapacityTests {
    @Test func moreNodesThanEstimated() throws {
        // Two bytes per node: six times the estimate of one node per 12 bytes.
        let source = "[" + (0..<5_000).map { String($0 % 10) }.joined(separator: ",") + "]\n"
        let tree = try YAMLParser.parse(source, file: "dense.yml")
        let root = try #require(tree.root)
        let items = Array(tree.items(root))
        #expect(items.count == 5_000)
        #expect(items.enumerated().allSatisfy { tree.resolved($0.element) == .int(Int64($0.offset % 10)) })
        #expect(tree.mark(items[4_999]) == SourceMark(line: 1, column: 2 + 2 * 4_999))
    }

    @Test func moreScalarBytesThanEstimated() throws {
        // A literal block is nearly all scalar bytes, more than the three per four bytes of text estimated.
        let line = String(repeating: "x", count: 70)
        let source = "text: |\n" + String(repeating: "  \(line)\n", count: 2_000)
        let tree = try YAMLParser.parse(source)
        let text = try #require(tree.root.flatMap { tree.value($0, forKey: "text") })
        #expect(tree.text(text) == String(repeating: line + "\n", count: 2_000))
    }

    @Test func aDenseFlowMappingReadsBackTheSame() throws {
        let source = "{" + (0..<3_000).map { "k\($0): [\"\\L\"]" }.joined(separator: ", ") + "}\n"
        let tree = try YAMLParser.parse(source)
        let root = try #require(tree.root)
        #expect(tree.entries(root).count == 3_000)
        let last = try #require(tree.value(root, forKey: "k2999"))
        #expect(tree.items(last).map { tree.text($0) } == ["\u{2028}"])
        let reread = try YAMLParser.parse(try tree.emit(style: .boshInt))
        let rereadRoot = try #require(reread.root)
        #expect(YAMLNode(tree: reread, id: rereadRoot) == YAMLNode(tree: tree, id: root))
    }
}
