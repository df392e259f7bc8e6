/// Finds `((name))` and `((!name))` references in a string, as bosh-cli's pattern
/// `\(\((!?[-\.\w\pL]+)\)\)` does.
enum VariableReference {
    struct Match {
        /// The whole `((…))` text.
        var text: Substring
        /// The name without `!`.
        var name: String
    }

    /// - Parameter fastASCII: ASCII text through ``ASCIIScan`` (tests compare both ways).
    static func matches(in s: String, fastASCII: Bool = true) -> [Match] {
        if fastASCII, let ascii = ASCIIScan(s) { return ascii.matches() }
        var result: [Match] = []
        var i = s.startIndex
        while let open = s[i...].range(of: "((") {
            var j = open.upperBound
            if j < s.endIndex && s[j] == "!" { j = s.index(after: j) }
            let nameStart = j
            while j < s.endIndex, isNameCharacter(s[j]) { j = s.index(after: j) }
            if j > nameStart, s[j...].hasPrefix("))") {
                let end = s.index(j, offsetBy: 2)
                result.append(Match(text: s[open.lowerBound..<end], name: String(s[nameStart..<j])))
                i = end
            } else {
                i = s.index(after: open.lowerBound)
            }
        }
        return result
    }

    /// The first `((name` that does not close as a reference (bosh-cli leaves such text alone), if any.
    static func malformed(in s: String, fastASCII: Bool = true) -> Substring? {
        if fastASCII, let ascii = ASCIIScan(s) { return ascii.malformed() }
        var i = s.startIndex
        while let open = s[i...].range(of: "((") {
            var j = open.upperBound
            if j < s.endIndex && s[j] == "!" { j = s.index(after: j) }
            let nameStart = j
            while j < s.endIndex, isNameCharacter(s[j]) { j = s.index(after: j) }
            if j > nameStart && !s[j...].hasPrefix("))") {
                return s[open.lowerBound..<min(s.endIndex, s.index(j, offsetBy: 1, limitedBy: s.endIndex) ?? s.endIndex)]
            }
            i = j > open.upperBound ? j : open.upperBound
        }
        return nil
    }

    /// Whether `s` is exactly one reference (the value keeps the variable's type).
    static func wholeValue(_ s: String) -> String? {
        let m = matches(in: s)
        guard m.count == 1, m[0].text.startIndex == s.startIndex, m[0].text.endIndex == s.endIndex else { return nil }
        return m[0].name
    }

    /// `matches` and `malformed` on ASCII text, byte by byte: the same results as the character loops (an ASCII
    /// character is one byte, except CR LF, one character that is never part of a name), without Unicode
    /// property lookups or string index validation.
    struct ASCIIScan {
        let s: String
        let b: [UInt8]

        init?(_ s: String) {
            let b = Array(s.utf8)
            for c in b where c >= 0x80 { return nil }
            self.s = s
            self.b = b
        }

        func index(_ offset: Int) -> String.Index { s.utf8.index(s.utf8.startIndex, offsetBy: offset) }

        static func isName(_ c: UInt8) -> Bool {
            switch c {
            case 0x2D, 0x2E, 0x5F, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true  // - . _ 0-9 A-Z a-z
            default: return false
            }
        }

        /// The offset of the next `((` at or after `from`.
        func open(from: Int) -> Int? {
            var i = from
            while i + 1 < b.count {
                if b[i] == 0x28 && b[i + 1] == 0x28 { return i }
                i += 1
            }
            return nil
        }

        /// After `((` at `open`: where the name starts and ends.
        func name(after open: Int) -> (start: Int, end: Int) {
            var j = open + 2
            if j < b.count && b[j] == 0x21 { j += 1 }  // !
            let start = j
            while j < b.count && Self.isName(b[j]) { j += 1 }
            return (start, j)
        }

        func closes(at j: Int) -> Bool { j + 1 < b.count && b[j] == 0x29 && b[j + 1] == 0x29 }

        func matches() -> [Match] {
            var result: [Match] = []
            var i = 0
            while let open = open(from: i) {
                let (start, j) = name(after: open)
                if j > start && closes(at: j) {
                    result.append(Match(text: s[index(open)..<index(j + 2)], name: String(s[index(start)..<index(j)])))
                    i = j + 2
                } else {
                    i = open + 1
                }
            }
            return result
        }

        func malformed() -> Substring? {
            var i = 0
            while let open = open(from: i) {
                let (start, j) = name(after: open)
                if j > start && !closes(at: j) {
                    // One character past the name: CR LF is one character.
                    var end = b.count
                    if j < b.count { end = b[j] == 0x0D && j + 1 < b.count && b[j + 1] == 0x0A ? j + 2 : j + 1 }
                    return s[index(open)..<index(end)]
                }
                i = j > open + 2 ? j : open + 2
            }
            return nil
        }
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        if c == "-" || c == "." || c == "_" { return true }
        if c.isASCII { return c.isLetter || c.isNumber }
        return c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.isAlphabetic && c.isLetter
    }
}

extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        guard let first = needle.first else { return nil }
        var i = startIndex
        while let found = self[i...].firstIndex(of: first) {
            if self[found...].hasPrefix(needle) { return found..<index(found, offsetBy: needle.count) }
            i = index(after: found)
        }
        return nil
    }
}
