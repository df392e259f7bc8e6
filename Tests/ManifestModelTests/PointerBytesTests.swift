import BoshYAML
import Testing

@testable import ManifestModel

/// go-patch reads pointer text as bytes, unescaping in one left-to-right pass (Go's `strings.Replacer`). The
/// expected documents were printed by the real `bosh int` (v7.10.6, built from source) on 2026-12-07 for this
/// manifest and these three operations.
@Suite struct PointerBytesTests {
    static let manifest = "\"~/\": 1\n\"a~\u{301}\": 1\nlist:\n- {x: \"\u{338}y\", v: 1}\n"

    @Test(arguments: [
        // `~~1`: the first `~` is no escape and stays; `~1` is `/` (BoshKit used to swallow both bytes: `~~1`).
        ("/~~1", "~/: 2\na~\u{301}: 1\nlist:\n- v: 1\n  x: \u{338}y\n"),
        // A combining mark after `~0` is a byte of its own, not part of a `0́` character.
        ("/a~0\u{301}", "~/: 1\na~\u{301}: 2\nlist:\n- v: 1\n  x: \u{338}y\n"),
        // `=` followed by a combining mark still splits name and value.
        ("/list/x=\u{338}y/v", "~/: 1\na~\u{301}: 1\nlist:\n- v: 2\n  x: \u{338}y\n"),
    ])
    func bytesAsGoPatchReadsThem(_ path: String, _ expected: String) throws {
        var document = PatchDocument(try YAMLParser.parse(Self.manifest, file: "m.yml"))
        let ops = try OpsFile(yaml: "- type: replace\n  path: \(path)\n  value: 2\n", file: "o.yml")
        try document.apply(ops.operations)
        #expect(try document.result.emit(style: .boshInt) == expected)
    }

    @Test func unescapingIsOnePass() throws {
        #expect(try PatchPointer("/~01").tokens == [.root, .key("~1", optional: false)])
        #expect(try PatchPointer("/~~07").tokens == [.root, .key("~~7", optional: false)])
        #expect(try PatchPointer("/a~").tokens == [.root, .key("a~", optional: false)])
    }
}
