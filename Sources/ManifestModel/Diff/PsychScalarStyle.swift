/// The text Psych hands libyaml for a scalar and the style it asks for (`Psych::Visitors::YAMLTree`): strings
/// that would read back as something else are quoted, strings starting with a non-word character are
/// double-quoted, multi-line strings become literal blocks; numbers, booleans and null are plain.
struct PsychScalarStyle {
    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    let text: String
    let requested: Style
    /// Whether the scalar may be quoted without a tag (true for strings only).
    let quotedImplicit: Bool

    static func forScalar(_ value: PsychScalar) -> PsychScalarStyle {
        switch value {
        case .string(let s): return forString(s)
        case .null: return PsychScalarStyle(text: "", requested: .plain, quotedImplicit: false)
        case .symbol(let s): return PsychScalarStyle(text: ":" + s, requested: .plain, quotedImplicit: false)
        case .float(let v) where v.isNaN: return PsychScalarStyle(text: ".nan", requested: .plain, quotedImplicit: false)
        case .float(let v) where v.isInfinite:
            return PsychScalarStyle(text: v > 0 ? ".inf" : "-.inf", requested: .plain, quotedImplicit: false)
        default: return PsychScalarStyle(text: value.rubyDescription, requested: .plain, quotedImplicit: false)
        }
    }

    /// `<redacted>`, worked out once.
    static let redacted = forString(DiffDocument.redactedText)

    /// ``forString(_:)`` worked out on the bytes of a one-line printable ASCII string (see
    /// ``asciiRequestedStyle(_:)``), or `nil` for text that takes the general path.
    static func forASCIIString(_ b: UnsafeBufferPointer<UInt8>) -> PsychScalarStyle? {
        guard let requested = asciiRequestedStyle(b) else { return nil }
        return PsychScalarStyle(text: String(decoding: b, as: UTF8.self), requested: requested, quotedImplicit: true)
    }

    static func forString(_ s: String) -> PsychScalarStyle {
        let fast = s.utf8.withContiguousStorageIfAvailable { asciiRequestedStyle($0) } ?? nil
        return PsychScalarStyle(text: s, requested: fast ?? requestedStyle(s), quotedImplicit: true)
    }

    /// The style Psych asks for a one-line printable ASCII string, decided on its bytes for the common cases:
    /// `<<`, `y`/`n`, text starting with a non-word character (double-quoted unless a `"` follows), text
    /// starting with a letter (plain, or single-quoted when Psych would read it as a boolean or null) and text
    /// starting with a digit or `_` (single-quoted when it would read back as something else than itself or
    /// looks octal with an 8 or 9, as ``requestedStyle(_:)`` decides once the other rules are out of the way).
    /// `nil` for any other text, which ``requestedStyle(_:)`` decides.
    static func asciiRequestedStyle(_ b: UnsafeBufferPointer<UInt8>) -> Style? {
        guard let first = b.first else { return nil }
        for c in b where c < 0x20 || c > 0x7E { return nil }
        let letter = (first | 0x20) >= 97 && (first | 0x20) <= 122
        let word = letter || (first >= 48 && first <= 57) || first == 95
        if b.count == 2 && first == 60 && b[1] == 60 { return .singleQuoted }
        if b.count == 1 && (first | 0x20 == 121 || first | 0x20 == 110) { return .doubleQuoted }
        if !word { return b.dropFirst().contains(34) ? nil : .doubleQuoted }
        if letter { return ValueComparison.isBoolOrNullWord(b) ? .singleQuoted : .plain }
        // One line starting with a word character: only the typing rules are left.
        if case .string = (try? PsychScalarScanner.tokenize(String(decoding: b, as: UTF8.self))) ?? .null {} else {
            return .singleQuoted
        }
        if first == UInt8(ascii: "0"), let next = b.dropFirst().first(where: { $0 < UInt8(ascii: "0") || $0 > UInt8(ascii: "7") }),
            next == UInt8(ascii: "8") || next == UInt8(ascii: "9")
        {
            return .singleQuoted
        }
        return .plain
    }

    /// The general rules, on Unicode scalars.
    static func requestedStyle(_ s: String) -> Style {
        let u = Array(s.unicodeScalars)
        if hasInnerNewline(u) { return .literal }
        if s == "<<" { return .singleQuoted }
        if s == "y" || s == "Y" || s == "n" || s == "N" { return .doubleQuoted }
        if startsLineWithNonWordCharacter(u) { return .doubleQuoted }
        let typed = (try? PsychScalarScanner.tokenize(s)) ?? .null
        if case .string = typed {} else { return .singleQuoted }
        if startsOctalLikeWithEightOrNine(u) { return .singleQuoted }
        return .plain
    }

    /// Ruby's `/\n(?!\Z)/`: a newline that is neither the last character nor followed only by a final newline.
    private static func hasInnerNewline(_ u: [Unicode.Scalar]) -> Bool {
        for (i, c) in u.enumerated() where c == "\n" {
            let rest = u.count - i - 1
            if rest == 0 || (rest == 1 && u[i + 1] == "\n") { continue }
            return true
        }
        return false
    }

    /// Ruby's `/^[^[:word:]][^"]*$/` (`^` and `$` match at every line): some line starts with a non-word
    /// character (a newline counts) and no `"` follows it before the end of that line.
    private static func startsLineWithNonWordCharacter(_ u: [Unicode.Scalar]) -> Bool {
        var p = 0
        while p < u.count {
            if !isWordCharacter(u[p]) {
                var q = p + 1
                var quote = false
                while q < u.count && u[q] != "\n" {
                    if u[q] == "\"" {
                        quote = true
                        break
                    }
                    q += 1
                }
                if !quote { return true }
            }
            guard let next = u[p...].firstIndex(of: "\n") else { return false }
            p = next + 1
        }
        return false
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        if c.properties.isAlphabetic || c == "_" { return true }
        switch c.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
            .connectorPunctuation:
            return true
        default: return false
        }
    }

    /// `/\A0[0-7]*[89]/`
    private static func startsOctalLikeWithEightOrNine(_ u: [Unicode.Scalar]) -> Bool {
        guard u.first == "0" else { return false }
        for c in u.dropFirst() {
            if c >= "0" && c <= "7" { continue }
            return c == "8" || c == "9"
        }
        return false
    }
}
