import BoshYAML
import Foundation
import Testing

@testable import ManifestModel

/// The diff's byte-level shortcuts give what the general paths give.
@Suite struct DiffFastPathTests {
    static let samples: [String] = [
        "<<", "<", "y", "Y", "n", "N", "t", "x", "yes", "Yes", "NO", "on", "Off", "true", "False", "null", "NULL",
        "nil", "~", "abc", "abc def", "a: b", "a #b", "key:", "((password))", "(( x ))", "\"quoted", "(a\"b", "-x",
        "- x", "-", ":sym", "::", "@at", "!bang", "*star", "&amp", "|pipe", ">fold", "%pct", "`tick", "'single",
        "[a]", "{a}", "#hash", "?q", ",comma", "=eq", "0", "01", "0x1F", "1.5", "1_000", "1:30", "_under",
        "a'b", "https://u:p@example.com/x", "/var/vcap", "v1.2.3", "2001-01-01", "abc ", " abc", "a  b",
        "ccdb", "properties", String(repeating: "word ", count: 30),
    ]

    @Test(arguments: samples)
    func asciiStringStyleMatchesTheGeneralPath(text: String) {
        var copy = text
        let fast = copy.withUTF8 { PsychScalarStyle.forASCIIString($0) }
        let general = PsychScalarStyle.requestedStyle(text)
        if let fast {
            #expect(fast.text == text)
            #expect(fast.requested == general)
            #expect(fast.quotedImplicit)
        }
        #expect(PsychScalarStyle.forString(text).requested == general)
    }

    @Test func letterAndPunctuationStartsTakeTheShortcut() {
        for text in ["abc", "((password))", "<<", "y", "yes"] {
            var copy = text
            #expect(copy.withUTF8 { PsychScalarStyle.forASCIIString($0) } != nil, "\(text)")
        }
    }

    /// Every scalar of cf-deployment styled through the byte shortcut equals the general path's style.
    @Test func outputStyleMatchesForEveryScalarOfCFDeployment() throws {
        let tree = try Corpus.tree("cf-deployment-v58/cf-deployment.yml")
        let doc = try DiffDocument(tree: tree)
        var checked = 0
        for ref in 0..<Int32(tree.nodeCount) where doc.kind(ref) == .scalar {
            guard let value = try? doc.scalar(ref) else { continue }
            let fast = try doc.outputStyle(ref, redactedLeaf: false)
            var general = PsychScalarStyle.forScalar(value)
            if case .string(let s) = value {
                general = PsychScalarStyle(text: s, requested: PsychScalarStyle.requestedStyle(s), quotedImplicit: true)
            }
            #expect(fast.text == general.text && fast.requested == general.requested, "\(doc.rawText(ref))")
            checked += 1
        }
        #expect(checked > 4_000)
    }

    /// Byte equality of ASCII strings agrees with comparing the loaded values.
    @Test func asciiStringEqualityMatchesLoadedValues() throws {
        let tree = try YAMLParser.parse(
            "a: abc\nb: 'abc'\nc: \"abd\"\nd: yes\ne: 'yes'\nf: 1\ng: '1'\nh: ((x))\ni: '((x))'\n", file: "t.yml")
        let doc = try DiffDocument(tree: tree)
        let values = (0..<doc.count(doc.root)).map { doc.entry(doc.root, $0).value }
        for a in values {
            for b in values {
                let expected = try doc.scalar(a) == doc.scalar(b)
                #expect(try ValueComparison.equal(doc, a, doc, b, strict: true) == expected)
            }
        }
    }

    /// A node taken as equal to itself without a walk is one the walk finds equal to itself; `.nan` and maps
    /// with collection keys are left to the walk.
    @Test func equalsItselfOnlyWhereTheWalkSaysSo() throws {
        let tree = try YAMLParser.parse(
            "a: [1, .nan, {x: .NaN}]\nb: {c: [x, 'y', 1.5], d: {e: f}}\ng: {? [k]\n  : v}\nh: [[.nan]]\ni: '.nan'\n", file: "t.yml")
        let doc = try DiffDocument(tree: tree)
        var shortcut = 0
        for ref in 0..<Int32(tree.nodeCount) where doc.equalsItself(ref) {
            #expect(try ValueComparison.equal(doc, ref, doc, ref, strict: false), "\(ref)")
            shortcut += 1
        }
        func selfEqual(_ key: String) throws -> Bool {
            doc.equalsItself(try #require(try doc.value(doc.root, forStringKey: key)))
        }
        #expect(try !selfEqual("a") && !selfEqual("g") && !selfEqual("h"))
        #expect(try selfEqual("b") && selfEqual("i"))
        #expect(shortcut > 10)
    }
}
