import Foundation
import Testing

@testable import ManifestModel

/// The byte-level ASCII scan of variable references finds what the character-level scan finds, on random text
/// made of the characters that matter to it.
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
