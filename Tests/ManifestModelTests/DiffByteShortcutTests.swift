import Testing

@testable import ManifestModel
import BoshKitTestSupport

/// The byte-level shortcuts of scalar typing and scalar analysis give what the general paths (on Unicode
/// scalars and lower-cased strings) give, on random ASCII text.
@Suite struct DiffByteShortcutTests {
    static let words = [
        "~", "null", "Null", "NULL", "nUlL", "nul", "nulls", "y", "Y", "yes", "Yes", "YES", "yEs", "n", "no", "No", "NO",
        "true", "True", "TRUE", "tRuE", "false", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "of", "^", "^x", "~x",
        "~~", ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", ".nan", ".NaN", ".NAN", "1:30", "1:30.5", "2001-01-01",
        "2001-01-01 10:00:00", "0x1F", "0b101", "017", "1_000", "1,000", "1.5", "1.", "-1.", "1e3", "1.0e+3", ":sym",
        ":'quoted'", "a\nb", "yes\n", "\non", "_", "-", ".", ":", "1.36.0", "12", "-7", "+3", "v1.2", "((x))",
    ]

    static func randomASCII(_ r: inout SplitMix) -> String {
        let alphabet = Array("yYtTnNoOfFuUlLeEsSaArR~^019._:-+ \t\n#,x\"'")
        var s = ""
        for _ in 0..<(r.below(7) + 1) { s.append(r.pick(alphabet)) }
        return s
    }

    static func same(_ a: PsychScalar, _ b: PsychScalar) -> Bool {
        if case .float(let x) = a, case .float(let y) = b, x.isNaN && y.isNaN { return true }
        return a == b
    }

    @Test func asciiTypingMatchesTheGeneralPath() {
        var r = SplitMix(seed: 0x70CE)
        var samples = Self.words
        for _ in 0..<4000 { samples.append(Self.randomASCII(&r)) }
        for text in samples {
            let fast = Result { () throws(PsychScalarScanner.Refusal) in try PsychScalarScanner.tokenize(text) }
            let plain = Result { () throws(PsychScalarScanner.Refusal) in
                try PsychScalarScanner.tokenize(text, asciiBytePath: false)
            }
            switch (fast, plain) {
            case (.success(let f), .success(let p)): #expect(Self.same(f, p), "\(text.debugDescription)")
            case (.failure(let f), .failure(let p)): #expect(f.message == p.message)
            default: Issue.record("one path refused \(text.debugDescription)")
            }
        }
    }

    @Test func printableASCIIAnalysisMatchesTheGeneralAnalysis() {
        var r = SplitMix(seed: 0xA5C1)
        // With bytes past ASCII too (the start of `é`, and 0xFF), which the analysis must refuse wherever they are.
        let alphabet = Array("ab09 :#-?.'\"[]{}|>!&*%@`,".utf8) + [0x7E, 0x7F, 0x1F, 0x09, 0x0A, 0x20, 0xC3, 0xFF]
        for _ in 0..<6000 {
            var bytes: [UInt8] = []
            for _ in 0..<r.pick([1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 40]) {
                bytes.append(r.below(6) == 0 ? r.pick(alphabet) : r.pick(Array("abcdefgh-_/.".utf8)))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let fast = bytes.withUnsafeBufferPointer { ScalarAnalysis(printableASCII: $0) }
            let printable = bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
            #expect((fast != nil) == printable, "\(bytes)")
            guard let fast else { continue }
            let general = ScalarAnalysis(Array(text.unicodeScalars))
            #expect(fast.multiline == general.multiline, "\(text.debugDescription)")
            #expect(fast.blockPlainAllowed == general.blockPlainAllowed, "\(text.debugDescription)")
            #expect(fast.singleQuotedAllowed == general.singleQuotedAllowed, "\(text.debugDescription)")
            #expect(fast.blockAllowed == general.blockAllowed, "\(text.debugDescription)")
        }
    }
}
