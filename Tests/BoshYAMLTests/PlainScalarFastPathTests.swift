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

extension PlainScalarFastPathTests {
    /// yaml.v2's resolve table, spelling by spelling (resolve.go), and spellings close to them that stay strings.
    @Test func everyTableSpellingResolvesAsInYAMLv2() throws {
        let table: [(String, ResolvedScalar)] =
            ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map { ($0, .bool(true)) }
            + ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map { ($0, .bool(false)) }
            + ["~", "null", "Null", "NULL"].map { ($0, .null) }
            + [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map { ($0, .float(.infinity)) }
            + [".nan", ".NaN", ".NAN"].map { ($0, .float(.nan)) }
            + ["-.inf", "-.Inf", "-.INF"].map { ($0, .float(-.infinity)) }
        let strings = ["yES", "tRUE", "oN", "nO", "fALSE", "oFF", "nULL", "NUll", "~~", "nulls", "Yess", "yes!", ".nAn", ".iNF",
            "+.nan", "-.nan", "+inf", "NaN", "Nan", "truE", "O", "F", "T", "ye", "of", "nul"]
        for (text, expected) in table {
            let tree = try YAMLParser.parse("v: \(text)\n")
            let value = try #require(tree.root.flatMap { tree.value($0, forKey: "v") })
            if case .float(let x) = expected, x.isNaN {
                guard case .float(let y)? = tree.resolved(value), y.isNaN else {
                    Issue.record("\(text) is not NaN")
                    continue
                }
            } else {
                #expect(tree.resolved(value) == expected, "\(text)")
            }
        }
        for text in strings {
            let tree = try YAMLParser.parse("v: '\(text)'\nw: \(text)\n")
            let root = try #require(tree.root)
            let plain = try #require(tree.value(root, forKey: "w"))
            #expect(tree.resolved(plain) == .string(text), "\(text)")
        }
    }
}
