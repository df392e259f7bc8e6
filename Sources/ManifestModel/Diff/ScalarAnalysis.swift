/// What libyaml's emitter decides about a scalar's text before choosing a style (`yaml_emitter_analyze_scalar`):
/// which styles can represent it. Only block styles are written, so flow indicators are not tracked.
struct ScalarAnalysis {
    var multiline = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    init<S: RandomAccessCollection<Unicode.Scalar>>(_ s: S) where S.Index == Int {
        if s.isEmpty {
            singleQuotedAllowed = true
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var lineBreaks = false
        var special = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        if s.count >= 3 && ((s[0] == "-" && s[1] == "-" && s[2] == "-") || (s[0] == "." && s[1] == "." && s[2] == ".")) {
            blockIndicators = true
        }
        var precededByWhitespace = true
        var followedByWhitespace = s.count < 2 || Self.isBlankOrBreak(s[1])
        for i in 0..<s.count {
            let c = s[i]
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    blockIndicators = true
                case "?", ":", "-":
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                switch c {
                case ":":
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace { blockIndicators = true }
                default: break
                }
            }
            if !Self.isPrintable(c) { special = true }
            if Self.isBreak(c) { lineBreaks = true }
            if c == " " {
                if i == 0 { leadingSpace = true }
                if i == s.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(c) {
                if i == 0 { leadingBreak = true }
                if i == s.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = Self.isBlankOrBreak(c)
            if i + 1 < s.count { followedByWhitespace = i + 2 >= s.count || Self.isBlankOrBreak(s[i + 2]) }
        }
        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || special {
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks { blockPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    /// The same analysis for non-empty printable ASCII text without line breaks (bytes 0x20–0x7E), worked out
    /// on its bytes: only leading and trailing spaces and indicators can rule styles out. `nil` for other text.
    init?(printableASCII b: UnsafeBufferPointer<UInt8>) {
        guard let first = b.first, let last = b.last, first >= 0x20 && first <= 0x7E else { return nil }
        let n = b.count
        var indicators = n >= 3 && ((b[0] == 45 && b[1] == 45 && b[2] == 45) || (b[0] == 46 && b[1] == 46 && b[2] == 46))
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            indicators = true
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            if n < 2 || b[1] == 32 { indicators = true }
        default: break
        }
        // One pass: every byte printable, and any `: ` (or final `:`) or ` #` noted. Eight bytes at a time
        // are skipped when none of them is outside 0x20–0x7E, `:` or `#`; the others are looked at one by one.
        var i = 1
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !Self.mayMatter(x) {
                    i += 8
                    continue
                }
                for j in i..<(i + 8) {
                    let c = b[j]
                    if c < 0x20 || c > 0x7E { return nil }
                    if c == UInt8(ascii: ":") && (j + 1 == n || b[j + 1] == 32) { indicators = true }
                    if c == UInt8(ascii: "#") && b[j - 1] == 32 { indicators = true }
                }
                i += 8
            }
        }
        while i < n {
            let c = b[i]
            if c < 0x20 || c > 0x7E { return nil }
            if c == UInt8(ascii: ":") && (i + 1 == n || b[i + 1] == 32) { indicators = true }
            if c == UInt8(ascii: "#") && b[i - 1] == 32 { indicators = true }
            i += 1
        }
        multiline = false
        singleQuotedAllowed = true
        blockAllowed = last != 32
        blockPlainAllowed = first != 32 && last != 32 && !indicators
    }

    /// Whether any of eight bytes is below 0x20, above 0x7E, `:` or `#` (the bytes the printable-ASCII pass
    /// looks at more closely), tested on the word at once.
    @inline(__always) static func mayMatter(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte with its high bit set, or one below 0x20, or above 0x7E (adding 1 carries it into the high bit).
        let outside = (x | (x &- ones &* 0x20) | (x &+ ones)) & highs
        let colon = x ^ (ones &* 0x3A)
        let hash = x ^ (ones &* 0x23)
        let zeroColon = (colon &- ones) & ~colon & highs
        let zeroHash = (hash &- ones) & ~hash & highs
        return outside | zeroColon | zeroHash != 0
    }

    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029
    }

    static func isBlankOrBreak(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || isBreak(c) || c.value == 0 }

    /// libyaml's `IS_PRINTABLE` (which leaves out tabs, carriage returns and everything beyond the BMP).
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x0A || (v >= 0x20 && v <= 0x7E) { return true }
        if v >= 0xA0 && v <= 0xD7FF { return true }
        if v >= 0xE000 && v <= 0xFFFD { return v != 0xFEFF }
        return false
    }
}
