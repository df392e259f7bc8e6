import BoshYAML
import Testing

/// Map keys in yaml.v2's natural order, with non-ASCII keys (whose code points sort from a side buffer) among
/// ASCII ones, in both emitters.
struct GoKeyOrderTests {
    @Test func nonASCIIKeysSortAmongASCIIOnes() throws {
        let tree = try YAMLParser.parse("{é: 1, ä10: 2, b: 3, ä2: 4, a: 5, z: 6, ä1: 7, 中: 8, x9: 9, x10: 10}", file: "keys.yml")
        let expected = "a: 5\nb: 3\nx9: 9\nx10: 10\nz: 6\nä1: 7\nä2: 4\nä10: 2\né: 1\n中: 8\n"
        #expect(String(decoding: try tree.emitBytes(style: .boshInt), as: UTF8.self) == expected)
        let nested = try YAMLParser.parse("outer:\n  é: {ü: 1, a: 2}\n  a: {b: 1, ß: 2}\n", file: "nested.yml")
        #expect(
            String(decoding: try nested.emitBytes(style: .boshInt), as: UTF8.self)
                == "outer:\n  a:\n    b: 1\n    ß: 2\n  é:\n    a: 2\n    ü: 1\n")
    }
}
