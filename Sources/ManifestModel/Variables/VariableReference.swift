/// Finds `((name))` references in a string as bosh-cli's pattern `\(\( ?(!?[-/\.\w\pL]+) ?\)\)` does: an optional
/// space inside each pair of parentheses, an optional `!`, and a name of `-` `/` `.` `_`, ASCII letters and
/// digits, and Unicode letters. Like Go's regexp it reads Unicode scalars, not characters: `e` followed by a
/// combining accent is a name that stops at the accent.
enum VariableReference {
    struct Match {
        /// The whole `((…))` text.
        var text: Substring
        /// The name without `!` and spaces.
        var name: String
    }

    static func matches(in s: String) -> [Match] { Scan(s).matches() }

    /// The first `((name` that does not close as a reference (bosh-cli leaves such text alone), if any.
    static func malformed(in s: String) -> Substring? { Scan(s).malformed() }

    /// Whether `s` is exactly one reference (the value keeps the variable's type).
    static func wholeValue(_ s: String) -> String? {
        let m = matches(in: s)
        guard m.count == 1, m[0].text.startIndex == s.startIndex, m[0].text.endIndex == s.endIndex else { return nil }
        return m[0].name
    }

    /// The pattern over the text's UTF-8 bytes (a Swift string's are always well formed).
    struct Scan {
        let s: String
        let b: [UInt8]

        init(_ s: String) {
            self.s = s
            self.b = Array(s.utf8)
        }

        func index(_ offset: Int) -> String.Index { s.utf8.index(s.utf8.startIndex, offsetBy: offset) }

        /// `-` `.` `/` `_` `0-9` `A-Z` `a-z`.
        static func isASCIIName(_ c: UInt8) -> Bool {
            switch c {
            case 0x2D, 0x2E, 0x2F, 0x5F, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
            default: return false
            }
        }

        /// The scalar starting at byte `i` and its length in bytes.
        func scalar(at i: Int) -> (Unicode.Scalar, Int) {
            let lead = b[i]
            if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = value << 6 | UInt32(b[i + k] & 0x3F) }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
        }

        /// How many bytes the name scalar at `i` takes, or 0 when it is not one (`\pL`: a letter of any category).
        func nameLength(at i: Int) -> Int {
            if b[i] < 0x80 { return Self.isASCIIName(b[i]) ? 1 : 0 }
            let (scalar, length) = scalar(at: i)
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return length
            default: return 0
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

        /// After `((` at `open`: where the name starts and ends, and where its `))` would start.
        func reference(after open: Int) -> (start: Int, end: Int, close: Int) {
            var j = open + 2
            if j < b.count && b[j] == 0x20 { j += 1 }  // space
            if j < b.count && b[j] == 0x21 { j += 1 }  // !
            let start = j
            while j < b.count {
                let length = nameLength(at: j)
                if length == 0 { break }
                j += length
            }
            let close = j < b.count && b[j] == 0x20 ? j + 1 : j
            return (start, j, close)
        }

        func closes(at j: Int) -> Bool { j + 1 < b.count && b[j] == 0x29 && b[j + 1] == 0x29 }

        func matches() -> [Match] {
            var result: [Match] = []
            var i = 0
            while let open = open(from: i) {
                let (start, end, close) = reference(after: open)
                if end > start && closes(at: close) {
                    result.append(Match(text: s[index(open)..<index(close + 2)], name: String(decoding: b[start..<end], as: UTF8.self)))
                    i = close + 2
                } else {
                    i = open + 1
                }
            }
            return result
        }

        func malformed() -> Substring? {
            var i = 0
            while let open = open(from: i) {
                let (start, end, close) = reference(after: open)
                if end > start && !closes(at: close) {
                    // One character past the name: CR LF counts as one.
                    var past = b.count
                    if end < b.count {
                        past = b[end] == 0x0D && end + 1 < b.count && b[end + 1] == 0x0A ? end + 2 : end + scalar(at: end).1
                    }
                    return s[index(open)..<index(past)]
                }
                i = end > open + 2 ? end : open + 2
            }
            return nil
        }
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
