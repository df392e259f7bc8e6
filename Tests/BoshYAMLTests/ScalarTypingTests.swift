import BoshYAML
import Foundation
import Testing

/// Scalars are typed, re-printed and keys ordered exactly as Go's yaml.v2 does (recorded fixture).
@Suite struct ScalarTypingTests {
    @Test func scalarFixtureMatchesYAMLv2() throws {
        let source = try Fixtures.text(Fixtures.root.appendingPathComponent("scalars.yml"))
        let expected = try Fixtures.text(Fixtures.root.appendingPathComponent("scalars.bosh-int.yml"))
        let actual = try YAMLParser.parse(source, file: "scalars.yml").emit(style: .boshInt)
        #expect(actual == expected)
    }

    @Test(arguments: [
        ("1.10", ResolvedScalar.float(1.1)),
        ("yes", .bool(true)),
        ("Off", .bool(false)),
        ("~", .null),
        ("", .null),
        ("0x1F", .int(31)),
        ("010", .int(8)),
        ("1_000", .int(1000)),
        ("-0b101", .int(-5)),
        ("18446744073709551615", .uint(UInt64.max)),
        ("2001-12-14", .string("2001-12-14")),
        ("1:20", .string("1:20")),
        ("web", .string("web")),
    ])
    func plainScalarResolvesLikeYAMLv2(text: String, expected: ResolvedScalar) throws {
        let tree = try YAMLParser.parse("v: \(text)\n")
        let root = try #require(tree.root)
        let value = try #require(tree.value(root, forKey: "v"))
        #expect(tree.resolved(value) == expected)
    }

    @Test func quotedScalarsStayStrings() throws {
        let tree = try YAMLParser.parse("a: '1.10'\nb: \"yes\"\nc: !!str 3\n")
        let root = try #require(tree.root)
        for key in ["a", "b", "c"] {
            let value = try #require(tree.value(root, forKey: key))
            #expect(tree.scalarKind(value) == .string)
        }
    }

    @Test func taggedScalarsAreRetyped() throws {
        let tree = try YAMLParser.parse("a: !!float 3\nb: !!int '7'\n")
        let root = try #require(tree.root)
        let a = try #require(tree.value(root, forKey: "a"))
        #expect(tree.resolved(a) == .float(3))
        #expect(try tree.emit(style: .boshInt) == "a: 3\nb: 7\n")
    }
}
