@testable import BoshYAML
import Testing

/// Most plain scalars are typed by their first byte alone: only yaml.v2's table spellings (`y`, `null`, `.inf` …),
/// numbers and timestamps start with another byte, and each of those bytes does start a non-string.
@Suite struct PlainScalarFastPathTests {
    @Test func onlyTheFirstBytesOfTableSpellingsNumbersAndTimestampsAreLookedAt() {
        let starts = Set("yYnNtTfFoO~.+-0123456789".utf8)
        for byte in 0...255 {
            #expect(ScalarResolver.mayStartNonString(UInt8(byte)) == starts.contains(UInt8(byte)), "byte \(byte)")
        }
        // Each of them starts something that is not a string.
        let examples = ["y", "Yes", "n", "NO", "true", "TRUE", "false", "False", "on", "OFF", "~", ".5", "+1", "-1", "0"]
            + (1...9).map(String.init)
        #expect(Set(examples.map { $0.utf8.first! }) == starts)
        for text in examples {
            let kind = Array(text.utf8).withUnsafeBufferPointer { ScalarResolver.kind(ofPlain: $0) }
            #expect(kind != .string, "\(text)")
        }
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
