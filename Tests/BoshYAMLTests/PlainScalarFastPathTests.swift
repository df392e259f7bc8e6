@testable import BoshYAML
import Testing

/// The parser types most plain scalars by their first byte alone; that shortcut agrees with yaml.v2's full
/// resolution for every first byte.
@Suite struct PlainScalarFastPathTests {
    @Test func theFirstByteShortcutAgreesWithFullResolution() {
        let tails: [[UInt8]] = [[], Array("1".utf8), Array("rue".utf8), Array("es".utf8), Array(".5".utf8), Array("x10".utf8),
            Array("ff".utf8), Array("ull".utf8), Array("nf".utf8), Array("0:00".utf8), Array("001-12-14".utf8)]
        var disagreements: [String] = []
        for first in 0...255 {
            for tail in tails {
                let text = [UInt8(first)] + tail
                let (fast, full) = text.withUnsafeBufferPointer { (ScalarResolver.kind(ofPlain: $0), ScalarResolver.classify($0).kind) }
                if fast != full { disagreements.append("\(text): \(fast) vs \(full)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}

extension PlainScalarFastPathTests {
    /// The builder stores libyaml's scalar style numbers as they are.
    @Test func libYAMLScalarStylesNumberAsYAMLStyle() throws {
        let tree = try YAMLParser.parse("- a\n- 'b'\n- \"c\"\n- |\n  d\n- >\n  e\n")
        let root = try #require(tree.root)
        #expect(tree.items(root).map { tree.style($0) } == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
    }
}
