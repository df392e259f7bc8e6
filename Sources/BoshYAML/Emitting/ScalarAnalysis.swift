/// What the yaml.v2 emitter learns about a scalar's text before choosing its style (emitterc.go
/// `yaml_emitter_analyze_scalar`, with unicode output on), plus what the fast paths of ``BoshIntWriter`` need.
struct ScalarAnalysis {
    /// The text has a line break (LF, CR, NEL, LS or PS).
    var multiline = false
    /// The text has a line feed: yaml.v2 asks for a literal block.
    var hasLineFeed = false
    /// The text may be written plain outside flow collections.
    var blockPlainAllowed = true
    /// The text may be written single-quoted.
    var singleQuotedAllowed = true
    /// The text may be written as a literal or folded block.
    var blockAllowed = true
    /// Characters (the emitter's column counts characters, not bytes).
    var characters = 0
    /// The text has a space.
    var hasSpace = false
    /// Some character is escaped when double-quoted (non-printable, a break, `"`, `\`, or a leading BOM).
    var needsEscapes = false
    /// The text has a `'` (doubled when single-quoted).
    var hasSingleQuote = false

    init(_ value: UnsafeBufferPointer<UInt8>) {
        let n = value.count
        if n == 0 {
            blockPlainAllowed = true
            singleQuotedAllowed = true
            blockAllowed = false
            return
        }
        if analyzeSimpleASCII(value) { return }
        var blockIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false
        var precededByWhitespace = true

        if n >= 3
            && ((value[0] == 0x2D && value[1] == 0x2D && value[2] == 0x2D)
                || (value[0] == 0x2E && value[1] == 0x2E && value[2] == 0x2E))
        {
            blockIndicators = true
        }
        // yaml.v2's double-quoted writer tests for a BOM at the start of the value, not at each character:
        // a value that starts with U+FEFF has every character escaped.
        if YAMLChars.isBOM(value, 0) { needsEscapes = true }

        var i = 0
        var chars = 0
        while i < n {
            let c = value[i]
            let w = YAMLChars.width(c)
            let next = i + w
            chars += 1
            if c < 0x80 {
                let followedByWhitespace = next >= n || value[next] == 0x20 || value[next] == 0x09
                if i == 0 {
                    switch c {
                    case 0x23, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:
                        // # , [ ] { } & * ! | > ' " % @ `
                        blockIndicators = true
                    case 0x3F, 0x3A, 0x2D:  // ? : -
                        if followedByWhitespace { blockIndicators = true }
                    default: break
                    }
                } else if c == 0x3A {
                    if followedByWhitespace { blockIndicators = true }
                } else if c == 0x23 {
                    if precededByWhitespace { blockIndicators = true }
                }
                if c == 0x20 {
                    hasSpace = true
                    if i == 0 { leadingSpace = true }
                    if next == n { trailingSpace = true }
                    if previousBreak { breakSpace = true }
                    previousSpace = true
                    previousBreak = false
                } else if c == 0x0A || c == 0x0D {
                    lineBreaks = true
                    needsEscapes = true
                    if c == 0x0D { specialCharacters = true } else { hasLineFeed = true }
                    if i == 0 { leadingBreak = true }
                    if next == n { trailingBreak = true }
                    if previousSpace { spaceBreak = true }
                    previousSpace = false
                    previousBreak = true
                } else {
                    if c < 0x20 || c == 0x7F {
                        specialCharacters = true
                        needsEscapes = true
                    } else if c == 0x22 || c == 0x5C {
                        needsEscapes = true
                    } else if c == 0x27 {
                        hasSingleQuote = true
                    }
                    previousSpace = false
                    previousBreak = false
                }
                precededByWhitespace = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0
            } else {
                if !YAMLChars.isPrintable(value, i) {
                    specialCharacters = true
                    needsEscapes = true
                }
                if YAMLChars.isBreak(value, i) {
                    lineBreaks = true
                    needsEscapes = true
                    if i == 0 { leadingBreak = true }
                    if next >= n { trailingBreak = true }
                    if previousSpace { spaceBreak = true }
                    previousSpace = false
                    previousBreak = true
                    precededByWhitespace = true
                } else {
                    previousSpace = false
                    previousBreak = false
                    precededByWhitespace = false
                }
            }
            i = next
        }
        characters = chars
        multiline = lineBreaks

        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks { blockPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }
}

extension ScalarAnalysis {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of some byte is set when a byte of `w` is below `k` (exact as to whether any is, for
    /// `k` ≤ 0x80; bytes ≥ 0x80 are caught by their own high bit).
    @inline(__always) private static func hasLess(_ w: UInt64, _ k: UInt64) -> UInt64 {
        (w &- ones &* k) & ~w & highBits
    }

    /// The high bit of some byte is set when a byte of `w` equals `c` (exact as to whether any does).
    @inline(__always) private static func hasByte(_ w: UInt64, _ c: UInt64) -> UInt64 {
        let x = w ^ (ones &* c)
        return (x &- ones) & ~x & highBits
    }

    /// Printable ASCII other than `"`, `#`, `'`, `:` and `\\`, as bit masks for bytes 0–63 and 64–127.
    private static let simpleLow: UInt64 = 0xFBFF_FF72_0000_0000
    private static let simpleHigh: UInt64 = 0x7FFF_FFFF_EFFF_FFFF

    /// The common case, text of simple printable ASCII and spaces: no breaks, escapes or special characters,
    /// and indicators only at the start. Returns `false`, having set nothing, for any other text.
    private mutating func analyzeSimpleASCII(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = value.count
        guard let p = value.baseAddress else { return false }
        var i = 0
        var spaces = false
        // Eight bytes at a time: any byte ≥ 0x80, below 0x20, or one of `"` `#` `'` `:` `\` DEL is not simple.
        if n >= 8 {
            var bad: UInt64 = 0
            var space: UInt64 = 0
            while i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                bad |= w | Self.hasLess(w, 0x20)
                bad |= Self.hasByte(w, 0x22) | Self.hasByte(w, 0x23) | Self.hasByte(w, 0x27)
                bad |= Self.hasByte(w, 0x3A) | Self.hasByte(w, 0x5C) | Self.hasByte(w, 0x7F)
                space |= Self.hasByte(w, 0x20)
                i += 8
            }
            if bad & Self.highBits != 0 { return false }
            spaces = space != 0
        }
        while i < n {
            let b = p[i]
            if b == 0x20 {
                spaces = true
            } else if b < 64 {
                if (Self.simpleLow >> UInt64(b)) & 1 == 0 { return false }
            } else if b >= 128 || (Self.simpleHigh >> UInt64(b - 64)) & 1 == 0 {
                return false
            }
            i += 1
        }
        characters = n
        hasSpace = spaces
        var blockIndicators =
            n >= 3
            && ((value[0] == 0x2D && value[1] == 0x2D && value[2] == 0x2D)
                || (value[0] == 0x2E && value[1] == 0x2E && value[2] == 0x2E))
        switch value[0] {
        case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60:
            // , [ ] { } & * ! | > % @ `
            blockIndicators = true
        case 0x3F, 0x2D:  // ? -
            if n == 1 || value[1] == 0x20 { blockIndicators = true }
        default: break
        }
        let leadingSpace = value[0] == 0x20
        let trailingSpace = value[n - 1] == 0x20
        if leadingSpace || trailingSpace || blockIndicators { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        return true
    }
}

/// yaml.v2's character classes (yamlprivateh.go) on UTF-8 bytes; reads past the end count as NUL.
enum YAMLChars {
    @inline(__always) static func at(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 { i < s.count ? s[i] : 0 }

    /// The length of the UTF-8 sequence a byte starts (1 for a stray continuation byte, so loops advance).
    @inline(__always) static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    static func isPrintable(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = s[i]
        if b == 0x0A || (b >= 0x20 && b <= 0x7E) { return true }
        if b == 0xC2 { return at(s, i + 1) >= 0xA0 }
        if b > 0xC2 && b < 0xED { return true }
        if b == 0xED { return at(s, i + 1) < 0xA0 }
        if b == 0xEE { return true }
        if b == 0xEF {
            let b1 = at(s, i + 1)
            let b2 = at(s, i + 2)
            return !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF))
        }
        return false
    }

    /// LF, CR, NEL, LS, PS.
    @inline(__always) static func isBreak(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = s[i]
        if b == 0x0A || b == 0x0D { return true }
        if b == 0xC2 { return at(s, i + 1) == 0x85 }
        if b == 0xE2 { return at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9) }
        return false
    }

    @inline(__always) static func isBOM(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        at(s, i) == 0xEF && at(s, i + 1) == 0xBB && at(s, i + 2) == 0xBF
    }
}
