import Foundation
import Testing

@testable import ManifestModel

/// The byte-level ASCII paths of go-patch pointers and variable references give what the character-level
/// parsers give, tokens and errors alike, on random text made of the characters that matter to them.
@Suite struct ASCIIFastPathTests {
    /// A small seeded generator, so a failure names an input that reproduces.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func text(_ pieces: [String], count: Int, _ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...count, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func pointersParseAsTheGeneralParserParsesThem() {
        var random = SplitMix64(state: 22)
        let pieces = ["/", "/", "?", "=", ":", "~", "~0", "~1", "-", "0", "1", "12", "a", "name", "name=", "prev", "next",
                      "before", "after", ":prev", ":next", ":before", ":after", " ", "\r\n", "\t", "*", "."]
        for _ in 0..<20_000 {
            let path = "/" + Self.text(pieces, count: 12, &random)
            let fast = Result { () throws(PatchPointerError) in try PatchPointer.parse(path, fastASCII: true) }
            let general = Result { () throws(PatchPointerError) in try PatchPointer.parse(path, fastASCII: false) }
            switch (fast, general) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(path.debugDescription)")
            case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(path.debugDescription)")
            default: Issue.record("\(path.debugDescription): \(fast) but the general parser \(general)")
            }
        }
    }

    @Test func referencesAreFoundAsTheCharacterScanFindsThem() {
        var random = SplitMix64(state: 22)
        let pieces = ["((", "))", "(", ")", "!", "a", "Z", "9", "-", ".", "_", " ", "/", ":", "\r\n", "\r", "\n", "((a))", "x"]
        for _ in 0..<20_000 {
            let text = Self.text(pieces, count: 14, &random)
            let fast = VariableReference.matches(in: text, fastASCII: true).map { "\($0.text)|\($0.name)" }
            let general = VariableReference.matches(in: text, fastASCII: false).map { "\($0.text)|\($0.name)" }
            #expect(fast == general, "\(text.debugDescription)")
            #expect(
                VariableReference.malformed(in: text, fastASCII: true) == VariableReference.malformed(in: text, fastASCII: false),
                "\(text.debugDescription)")
        }
    }
}
