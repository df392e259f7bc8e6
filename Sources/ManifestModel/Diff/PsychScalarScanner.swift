/// Types plain scalars the way Psych's `ScalarScanner#tokenize` does (psych 4/5 with legacy integers), so the
/// diff compares what the director compares: `1.10` is the float 1.1, `yes` is true, `1:30` is an integer,
/// `:name` a symbol. Unquoted dates and times are an error, as `YAML.safe_load` refuses them.
enum PsychScalarScanner {
    /// Why a scalar cannot be loaded the way the director loads it.
    struct Refusal: Error {
        let message: String
    }

    /// The value Psych loads a plain scalar's text as.
    /// - Parameter asciiBytePath: test ASCII text on its bytes (off only in tests comparing with the general
    ///   path, which works on Unicode scalars and lower-cased strings).
    static func tokenize(_ text: String, asciiBytePath: Bool = true) throws(Refusal) -> PsychScalar {
        let b = Array(text.utf8)
        if b.isEmpty { return .null }
        // ASCII text (nearly all) is tested on its bytes: its scalars are its bytes, its letters are the
        // alphabetic scalars and lower-casing maps only `A`–`Z`.
        let ascii = asciiBytePath && !b.contains { $0 >= 0x80 }
        if ascii ? (asciiLooksLikeWord(b) || b.contains(10)) : isWordOrMultiline(text) {
            if ascii { return asciiWord(text, b) }
            let s = Array(text.unicodeScalars)
            if s.count > 5 { return .string(text) }
            let lower = text.lowercased()
            guard let first = lower.unicodeScalars.first, "ytonf~".unicodeScalars.contains(first) else {
                return .string(text)
            }
            if text == "~" || lower == "null" { return .null }
            if lower == "yes" || lower == "true" || lower == "on" { return .bool(true) }
            if lower == "no" || lower == "false" || lower == "off" { return .bool(false) }
            return .string(text)
        }
        if isTime(b) || isDate(b) {
            throw Refusal(message: "'\(text)' is an unquoted date or time, which the director's YAML loader refuses; quote it")
        }
        if ascii {
            if lowerEquals(b, ".inf") || lowerEquals(b, "+.inf") { return .float(.infinity) }
            if lowerEquals(b, "-.inf") { return .float(-.infinity) }
            if lowerEquals(b, ".nan") { return .float(.nan) }
        } else {
            let lower = text.lowercased()
            if lower == ".inf" || lower == "+.inf" { return .float(.infinity) }
            if lower == "-.inf" { return .float(-.infinity) }
            if lower == ".nan" { return .float(.nan) }
        }
        if b.count >= 2 && b[0] == UInt8(ascii: ":") { return .symbol(symbolName(text)) }
        if let parts = sexagesimal(b) {
            if parts.fraction {
                var total = 0.0
                for (e, part) in parts.fields.enumerated() {
                    total += rubyToF(part) * pow60(abs(e - 2))
                }
                return .float(total)
            }
            var total: Int64 = 0
            for (e, part) in parts.fields.enumerated() {
                let (product, o1) = rubyToI(part).multipliedReportingOverflow(by: Int64(pow60(abs(e - 2))))
                let (sum, o2) = total.addingReportingOverflow(product)
                if o1 || o2 { return .string(text) }
                total = sum
            }
            return .int(total)
        }
        if isFloat(b) {
            if b.count <= 2 && b.last == UInt8(ascii: ".") && (b.count == 1 || b[0] == 45 || b[0] == 43) {
                return .string(text)
            }
            var cleaned = b.filter { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "_") }
            // `1.` → `1`, `1.e+5` → `1e+5`
            if let dot = cleaned.firstIndex(of: UInt8(ascii: ".")),
                dot == cleaned.count - 1 || cleaned[dot + 1] == UInt8(ascii: "e") || cleaned[dot + 1] == UInt8(ascii: "E")
            {
                cleaned.remove(at: dot)
            }
            if let v = Double(String(decoding: cleaned, as: UTF8.self)) { return .float(v) }
            return .string(text)
        }
        if isInteger(b) { return parseInteger(b) ?? .string(text) }
        return .string(text)
    }

    // MARK: - The string test: `^[^\d.:-]?[[:alpha:]_\s!@#$%^&*(){}<>|/\\~;=]+`

    private static func isWordOrMultiline(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        return looksLikeWord(s) || s.contains("\n")
    }

    /// ``looksLikeWord(_:)`` for ASCII bytes.
    private static func asciiLooksLikeWord(_ b: [UInt8]) -> Bool {
        if asciiInWordClass(b[0]) { return true }
        let c0 = b[0]
        let excluded = (c0 >= 48 && c0 <= 57) || c0 == 46 || c0 == 58 || c0 == 45
        return !excluded && b.count > 1 && asciiInWordClass(b[1])
    }

    /// ``inWordClass(_:)`` for an ASCII byte: a letter, or one of `_ \t\n\r\u{0B}\u{0C}!@#$%^&*(){}<>|/\~;=`.
    private static func asciiInWordClass(_ c: UInt8) -> Bool {
        if (c | 0x20) >= 97 && (c | 0x20) <= 122 { return true }
        switch c {
        case 95, 32, 9, 10, 13, 11, 12, 33, 64, 35, 36, 37, 94, 38, 42, 40, 41, 123, 125, 60, 62, 124, 47, 92, 126, 59, 61:
            return true
        default: return false
        }
    }

    /// The word branch of ``tokenize(_:)`` for ASCII bytes: longer than five bytes, or not starting with one of
    /// `ytonf~` (any case), it is a string; otherwise null, a boolean word (any case) or a string.
    private static func asciiWord(_ text: String, _ b: [UInt8]) -> PsychScalar {
        if b.count > 5 { return .string(text) }
        switch b[0] | 0x20 {
        case UInt8(ascii: "y"), UInt8(ascii: "t"), UInt8(ascii: "o"), UInt8(ascii: "n"), UInt8(ascii: "f"): break
        default: if b[0] != UInt8(ascii: "~") { return .string(text) }
        }
        if (b.count == 1 && b[0] == UInt8(ascii: "~")) || lowerEquals(b, "null") { return .null }
        if lowerEquals(b, "yes") || lowerEquals(b, "true") || lowerEquals(b, "on") { return .bool(true) }
        if lowerEquals(b, "no") || lowerEquals(b, "false") || lowerEquals(b, "off") { return .bool(false) }
        return .string(text)
    }

    /// Whether ASCII bytes lower-cased (`A`–`Z` only) are `word` (lower-case ASCII).
    private static func lowerEquals(_ b: [UInt8], _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<b.count {
            let c = b[i]
            let lower = c >= 65 && c <= 90 ? c | 0x20 : c
            if lower != w[i] { return false }
        }
        return true
    }

    private static func looksLikeWord(_ s: [Unicode.Scalar]) -> Bool {
        if inWordClass(s[0]) { return true }
        let c0 = s[0]
        let excluded = (c0.value >= 48 && c0.value <= 57) || c0 == "." || c0 == ":" || c0 == "-"
        return !excluded && s.count > 1 && inWordClass(s[1])
    }

    private static func inWordClass(_ c: Unicode.Scalar) -> Bool {
        if c.properties.isAlphabetic { return true }
        switch c {
        case "_", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "!", "@", "#", "$", "%", "^", "&", "*", "(", ")", "{", "}",
            "<", ">", "|", "/", "\\", "~", ";", "=":
            return true
        default: return false
        }
    }

    // MARK: - Dates and times

    private static func digits(_ b: [UInt8], _ i: inout Int, min: Int, max: Int) -> Bool {
        var n = 0
        while i < b.count && n < max && isDigit(b[i]) {
            i += 1
            n += 1
        }
        return n >= min
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// `^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$`
    private static func isDate(_ b: [UInt8]) -> Bool {
        var i = 0
        guard digits(b, &i, min: 4, max: 4), i < b.count, b[i] == 45 else { return false }
        i += 1
        let monthStart = i
        guard digits(b, &i, min: 1, max: 2), i < b.count, b[i] == 45 else { return false }
        if i - monthStart == 2 && !(b[monthStart] == 48 || (b[monthStart] == 49 && b[monthStart + 1] <= 50)) { return false }
        i += 1
        let dayStart = i
        guard digits(b, &i, min: 1, max: 2), i == b.count else { return false }
        if i - dayStart == 2 && b[dayStart] > 51 { return false }
        if i - dayStart == 2 && b[dayStart] == 51 && b[dayStart + 1] > 49 { return false }
        return true
    }

    /// `^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$`
    private static func isTime(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && b[i] == 45 { i += 1 }
        guard digits(b, &i, min: 4, max: 4), i < b.count, b[i] == 45 else { return false }
        i += 1
        guard digits(b, &i, min: 1, max: 2), i < b.count, b[i] == 45 else { return false }
        i += 1
        guard digits(b, &i, min: 1, max: 2), i < b.count else { return false }
        if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
            i += 1
        } else {
            let start = i
            while i < b.count && isSpace(b[i]) { i += 1 }
            if i == start { return false }
        }
        guard digits(b, &i, min: 1, max: 2), i < b.count, b[i] == 58 else { return false }
        i += 1
        guard digits(b, &i, min: 2, max: 2), i < b.count, b[i] == 58 else { return false }
        i += 1
        guard digits(b, &i, min: 2, max: 2) else { return false }
        if i < b.count && b[i] == 46 {
            i += 1
            _ = digits(b, &i, min: 0, max: Int.max)
        }
        if i == b.count { return true }
        while i < b.count && isSpace(b[i]) { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == 43 || b[i] == 45 else { return false }
        i += 1
        guard digits(b, &i, min: 1, max: 2) else { return false }
        if i < b.count && b[i] == 58 { i += 1 }
        if i == b.count { return true }
        return digits(b, &i, min: 2, max: 2) && i == b.count
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12 }

    // MARK: - Symbols, sexagesimal numbers, floats, integers

    private static func symbolName(_ text: String) -> String {
        let rest = text.dropFirst()
        if let q = rest.first, q == "\"" || q == "'", rest.count >= 2, let close = rest.dropFirst().firstIndex(of: q) {
            var inner = rest[rest.index(after: rest.startIndex)..<close]
            if inner.hasPrefix(":") { inner = inner.dropFirst() }
            return String(inner)
        }
        return String(rest)
    }

    /// `^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}(\.[0-9_]*)?$`, split on `:`.
    private static func sexagesimal(_ b: [UInt8]) -> (fields: [ArraySlice<UInt8>], fraction: Bool)? {
        var i = 0
        if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return nil }
        while i < b.count && (isDigit(b[i]) || b[i] == 95) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == 58 && groups < 2 {
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) && i - start < 2 { i += 1 }
            let n = i - start
            guard n >= 1, n == 1 || b[start] <= UInt8(ascii: "5") else { return nil }
            groups += 1
        }
        guard groups >= 1 else { return nil }
        var fraction = false
        if i < b.count && b[i] == 46 {
            fraction = true
            i += 1
            while i < b.count && (isDigit(b[i]) || b[i] == 95) { i += 1 }
        }
        guard i == b.count else { return nil }
        return (b.split(separator: 58, omittingEmptySubsequences: false), fraction)
    }

    private static func pow60(_ n: Int) -> Double { n == 0 ? 1 : n == 1 ? 60 : 3600 }

    /// Ruby's `String#to_i` on a field: optional sign, digits with underscores, stops at anything else.
    private static func rubyToI(_ field: ArraySlice<UInt8>) -> Int64 {
        var value: Int64 = 0
        var negative = false
        var i = field.startIndex
        if i < field.endIndex && (field[i] == 43 || field[i] == 45) {
            negative = field[i] == 45
            i += 1
        }
        while i < field.endIndex && (isDigit(field[i]) || field[i] == 95) {
            if field[i] != 95 { value = value &* 10 &+ Int64(field[i] - 48) }
            i += 1
        }
        return negative ? -value : value
    }

    private static func rubyToF(_ field: ArraySlice<UInt8>) -> Double {
        Double(String(decoding: field.filter { $0 != 95 }, as: UTF8.self)) ?? Double(rubyToI(field))
    }

    /// `^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$`
    private static func isFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
        if i < b.count && isDigit(b[i]) {
            while i < b.count && (isDigit(b[i]) || b[i] == 95 || b[i] == 44) { i += 1 }
        }
        guard i < b.count, b[i] == 46 else { return false }
        i += 1
        while i < b.count && isDigit(b[i]) { i += 1 }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            guard i < b.count, b[i] == 43 || b[i] == 45 else { return false }
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            guard i > start else { return false }
        }
        return i == b.count
    }

    /// Psych's legacy integer pattern: binary `0b`, octal `0…`, decimal (with `,` or `_` between digits), hex `0x`.
    private static func isInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && (b[i] == 43 || b[i] == 45) { i += 1 }
        guard i < b.count else { return false }
        let rest = b[i...]
        func all(_ s: ArraySlice<UInt8>, _ ok: (UInt8) -> Bool) -> Bool { !s.isEmpty && s.allSatisfy(ok) }
        if rest.count >= 2 && rest.first == 48 && rest[i + 1] == UInt8(ascii: "b") {
            return all(rest.dropFirst(2)) { $0 == 48 || $0 == 49 || $0 == 95 || $0 == 44 }
        }
        if rest.count >= 2 && rest.first == 48 && rest[i + 1] == UInt8(ascii: "x") {
            return all(rest.dropFirst(2)) { isHex($0) || $0 == 95 || $0 == 44 }
        }
        if rest.first == 48 {
            if rest.count == 1 { return true }
            return all(rest.dropFirst()) { ($0 >= 48 && $0 <= 55) || $0 == 95 || $0 == 44 }
        }
        guard let first = rest.first, first >= 49 && first <= 57 else { return false }
        var j = rest.startIndex + 1
        while j < rest.endIndex {
            if isDigit(rest[j]) {
                j += 1
            } else if (rest[j] == 44 || rest[j] == 95) && j + 1 < rest.endIndex && isDigit(rest[j + 1]) {
                j += 2
            } else {
                return false
            }
        }
        return true
    }

    private static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }

    /// Ruby's `Integer()` on the text without `,` and `_`.
    private static func parseInteger(_ b: [UInt8]) -> PsychScalar? {
        var cleaned = b.filter { $0 != 44 && $0 != 95 }
        var negative = false
        if let f = cleaned.first, f == 43 || f == 45 {
            negative = f == 45
            cleaned.removeFirst()
        }
        var radix = 10
        if cleaned.count >= 2 && cleaned[0] == 48 && cleaned[1] == UInt8(ascii: "b") {
            radix = 2
            cleaned.removeFirst(2)
        } else if cleaned.count >= 2 && cleaned[0] == 48 && cleaned[1] == UInt8(ascii: "x") {
            radix = 16
            cleaned.removeFirst(2)
        } else if cleaned.count >= 2 && cleaned[0] == 48 {
            radix = 8
            cleaned.removeFirst()
        }
        guard !cleaned.isEmpty else { return nil }
        let digitsText = String(decoding: cleaned, as: UTF8.self)
        if let v = Int64(digitsText, radix: radix) { return .int(negative ? -v : v) }
        if radix == 10 { return .bigInt((negative ? "-" : "") + digitsText) }
        return nil
    }
}
