/// Finds `((name))` and `((!name))` references in a string, as bosh-cli's pattern
/// `\(\((!?[-\.\w\pL]+)\)\)` does.
enum VariableReference {
    struct Match {
        /// The whole `((…))` text.
        var text: Substring
        /// The name without `!`.
        var name: String
    }

    static func matches(in s: String) -> [Match] {
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
    static func malformed(in s: String) -> Substring? {
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
