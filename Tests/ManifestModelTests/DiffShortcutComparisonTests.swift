import BoshYAML
import Testing

@testable import ManifestModel
import BoshKitTestSupport

/// The changeset's shortcuts (walks reused between `==` and `Array#-`, printable ASCII dumped from its bytes)
/// give exactly what the plain paths give, on random input.
@Suite struct DiffShortcutComparisonTests {
    /// Printable ASCII heavy in what changes a style or a fold: spaces, quotes, `:`, `#`, `-`, backslashes.
    static func asciiText(_ r: inout SplitMix) -> String {
        let alphabet = Array("abcxyz019 _-:#'\"\\!&*[]{},%@`|>?.<=~/")
        let words = ["yes", "no", "null", "true", "1.5", "0x1F", "<<", "y", "---", "...", "- a", "a: b", "a #b"]
        if r.below(5) == 0 { return r.pick(words) }
        let length = r.pick([1, 2, 3, 8, 20, 79, 81, 90, 170])
        var s = ""
        for _ in 0..<length { s.append(r.below(4) == 0 ? " " : r.pick(alphabet)) }
        return s
    }

    @Test func printableASCIIDumpsAsTheGeneralPathDumpsIt() throws {
        var r = SplitMix(seed: 0x5EED)
        let doc = try DiffDocument(tree: YAMLParser.parse("{}", file: "x.yml"))
        for _ in 0..<3000 {
            let text = Self.asciiText(&r)
            let scalar: DumpValue = r.below(6) == 0 ? .scalar(.symbol(text)) : .text(text)
            let key = Self.asciiText(&r)
            let values: [DumpValue] = [
                scalar, .list([scalar]), .map([(.text(key), scalar)]), .map([(scalar, .text(key))]),
                .list([.map([(.text("name"), scalar), (.text(key), .list([scalar, scalar]))])]),
            ]
            for value in values {
                let fast = try PsychDumper.lines(value, document: doc, redact: true, asciiBytePath: true)
                let plain = try PsychDumper.lines(value, document: doc, redact: true, asciiBytePath: false)
                #expect(fast == plain, "\(text.debugDescription) / \(key.debugDescription)")
            }
        }
    }

    @Test func plainScalarsThatPrintAsWrittenStyleAsTheirLoadedValues() throws {
        let words = [
            "0", "7", "10", "123456789012345678", "1234567890123456789", "-1", "+1", "01", "00", "1_000", "0x1F",
            "1.5", "1e3", "true", "false", "True", "TRUE", "tru", "truex", "f", "no", "~",
        ]
        let tree = try YAMLParser.parse("x: [\(words.joined(separator: ", "))]", file: "x.yml")
        let doc = try DiffDocument(tree: tree)
        let list = doc.entry(doc.root, 0).value
        for i in 0..<doc.count(list) {
            let ref = doc.item(list, i)
            let fast = try doc.outputStyle(ref, redactedLeaf: false)
            let general = PsychScalarStyle.forScalar(try doc.scalar(ref))
            #expect(fast.text == general.text && fast.requested == general.requested, "\(doc.rawText(ref))")
            #expect(fast.quotedImplicit == general.quotedImplicit, "\(doc.rawText(ref))")
        }
    }

    @Test func digitAndUnderscoreStartsAreStyledAsTheGeneralRulesStyleThem() {
        var r = SplitMix(seed: 0xD161)
        var samples = [
            "0", "1", "08", "0789", "0778", "09.5", "1e5", "2.0.0", "1.425", "0863", "12345678901234567890", "_",
            "__x", "1 2", "1:2:3", "1:30", "0b101", "0o17", "0x1F", "1_0", "1.0e+3", "2001-01-01", "2001-01-01 10:00:00",
            "1.", "1..2", "1 #x", "1: x", "0 8", "_true", "1_000_000", "3 y", "-1", "+1", "9" + String(repeating: "0", count: 30),
        ]
        let alphabet = Array("0123456789_.:-+eExob #")
        for _ in 0..<2000 {
            var s = String(r.pick(Array("0123456789_")))
            for _ in 0..<r.below(12) { s.append(r.pick(alphabet)) }
            samples.append(s)
        }
        for text in samples {
            var copy = text
            let fast = copy.withUTF8 { PsychScalarStyle.asciiRequestedStyle($0) }
            #expect(fast == PsychScalarStyle.requestedStyle(text), "\(text.debugDescription)")
        }
    }

    @Test func stringStartMasksMatchTheirDescription() {
        for c in 0...255 {
            #expect(ValueComparison.isStringStart(UInt8(c)) == ValueComparison.stringStartBytes.contains(UInt8(c)), "\(c)")
        }
    }

    /// Random manifests with named lists whose elements repeat, reorder, change deep down, or differ only as
    /// `1` and `1.0`, and keys that move (so maps are looked up rather than walked in step).
    static func manifest(_ r: inout SplitMix, _ base: UInt64) -> String {
        var b = SplitMix(seed: base)
        var lines = ["name: d"]
        for list in ["instance_groups", "releases", "variables", "things"] {
            lines.append("\(list):")
            for _ in 0..<(b.below(6) + (r.below(3) == 0 ? 1 : 0)) {
                let name = "n\(b.below(4))"
                var entries = ["name: \(r.below(8) == 0 ? "n\(r.below(4))" : name)"]
                let number = r.below(6) == 0 ? "1.0" : "1"
                entries.append("count: \(r.below(10) == 0 ? "2" : number)")
                if b.below(2) == 0 { entries.append("jobs: [{name: j\(b.below(3)), release: \(r.below(9) == 0 ? "x" : "r")}, \(number)]") }
                if r.below(4) == 0 { entries.reverse() }
                if b.below(3) == 0 { entries.append("properties: {p: \(r.below(5) == 0 ? "q" : "p"), n: \(number)}") }
                lines.append("- {\(entries.joined(separator: ", "))}")
            }
            if r.below(4) == 0 { lines.append("- \(r.pick(["1", "1.0", "s", "[1, 1.0]"]))") }
        }
        lines.append("list: [\(r.pick(["1, 2", "1.0, 2", "2, 1", "1, 2.0, 3"]))]")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func reusedWalksGiveThePlainChangeset() throws {
        var r = SplitMix(seed: 0xD1FF)
        var differing = 0
        for round in 0..<400 {
            let base = UInt64(round / 2)
            let oldText = Self.manifest(&r, base)
            let newText = Self.manifest(&r, base)
            let old = try YAMLParser.parse(oldText, file: "old.yml")
            let new = try YAMLParser.parse(newText, file: "new.yml")
            for redact in [true, false] {
                let fast = Result { () throws(DiffError) in try ManifestDiff(old: old, new: new, redact: redact, fastPaths: true) }
                let plain = Result { () throws(DiffError) in try ManifestDiff(old: old, new: new, redact: redact, fastPaths: false) }
                switch (fast, plain) {
                case (.success(let f), .success(let p)):
                    #expect(f.lines == p.lines, "\(oldText)\n---\n\(newText)")
                    if f.hasChanges { differing += 1 }
                case (.failure(let f), .failure(let p)):
                    #expect(f.description == p.description)
                default:
                    Issue.record("one path failed: \(oldText)\n---\n\(newText)")
                }
            }
        }
        #expect(differing > 100)
    }
}
