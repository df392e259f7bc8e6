import BoshKitTestSupport
/// Deterministic YAML documents full of scalars that exercise the emitter's style choice, escaping, folding
/// and key handling: strings over an alphabet of YAML indicators, spaces, tabs, line breaks, unicode and
/// control characters; long lines of 70–200 characters with and without spaces; multi-line text with leading
/// and trailing breaks; keys of 120–140 bytes; all placed at several depths in mappings and sequences.
///
/// With `libYAMLCompatible`, strings avoid the two places where libyaml 0.2.5's C emitter and yaml.v2's Go
/// port print different bytes: a leading U+FEFF (yaml.v2 then escapes every character of a double-quoted
/// value) and a trailing LS/PS in a single-quoted value (libyaml indents the closing quote). The recorded
/// fixture `emitter-cases.yml` covers both against yaml.v2 itself.
struct TrickyYAMLGenerator {
    private var random: SplitMix
    let libYAMLCompatible: Bool

    init(seed: UInt64, libYAMLCompatible: Bool = true) {
        random = SplitMix(seed: seed)
        self.libYAMLCompatible = libYAMLCompatible
    }

    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    static let letters: [String] = ["a", "b", "z", "K", "x", "0", "1", "9", "_", "."]
    static let specials: [String] = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "~",
        "\\", "/", "=", "+", "<",
    ]
    static let blanks: [String] = [" ", " ", " ", "\t", "\n", "\n", "\r"]
    static let unicode: [String] = [
        "é", "ß", "中", "ж", "😀", "\u{2028}", "\u{2029}", "\u{85}", "\u{A0}", "\u{1}", "\u{7}", "\u{1B}", "\u{7F}",
        "\u{0}", "\u{FFFD}", "\u{E000}", "\u{FFFE}", "𝔘", "\u{FEFF}",
    ]

    /// A short string over the whole alphabet.
    mutating func shortString() -> String {
        var s = ""
        for _ in 0..<below(13) {
            switch below(10) {
            case 0...3: s += pick(Self.letters)
            case 4...5: s += pick(Self.specials)
            case 6...7: s += pick(Self.blanks)
            default: s += pick(Self.unicode)
            }
        }
        return s
    }

    /// A line of `length` characters: words and spaces (sometimes doubled), or one unbroken run.
    mutating func longLine(length: Int, spaces: Bool) -> String {
        var s = ""
        var count = 0
        while count < length {
            if spaces && count > 0 && chance(18) {
                s += chance(15) ? "  " : " "
                count += 1
                continue
            }
            let c: String
            switch below(20) {
            case 0: c = pick(Self.specials)
            case 1: c = pick(Self.unicode.filter { !["\u{2028}", "\u{2029}", "\u{85}"].contains($0) })
            default: c = pick(Self.letters)
            }
            s += c
            count += 1
        }
        return s
    }

    /// Text with line feeds: what yaml.v2 writes as a literal block when it can.
    mutating func multiLine() -> String {
        var lines: [String] = []
        for _ in 0..<(1 + below(4)) {
            lines.append(chance(30) ? longLine(length: 60 + below(60), spaces: true) : shortString())
        }
        var s = lines.joined(separator: "\n")
        if chance(20) { s = pick([" ", "  ", "\n", "\n\n"]) + s }
        if chance(40) { s += pick(["\n", "\n\n", "\n\n\n", " ", " \n"]) }
        return s
    }

    /// Any of the kinds of string.
    mutating func string() -> String {
        var s = anyString()
        if libYAMLCompatible {
            if s.unicodeScalars.first == "\u{FEFF}" { s = "x" + s }
            if let last = s.unicodeScalars.last, last == "\u{2028}" || last == "\u{2029}" { s += "x" }
        }
        return s
    }

    private mutating func anyString() -> String {
        switch below(10) {
        case 0...4: return shortString()
        case 5: return longLine(length: 70 + below(131), spaces: true)
        case 6: return longLine(length: 70 + below(131), spaces: false)
        case 7: return multiLine()
        case 8: return pick(["", " ", "-", "- a", "---", "...", "a: b", "a #b", "#a", "? x", "'", "\"", "~", "null",
            "yes", "1.10", "0x1F", "1:20", "2001-12-14", "<<", "=", "a\u{2028}b", "\u{85}", "a\tb"])
        default: return shortString() + longLine(length: 60 + below(40), spaces: true) + shortString()
        }
    }

    /// A key: usually short, sometimes 120–140 bytes (around yaml.v2's 128-byte simple-key limit).
    mutating func key() -> String {
        if chance(25) {
            let target = 120 + below(21)
            var s = chance(20) ? "k\n" : ""
            while s.utf8.count < target { s += chance(12) ? " " : pick(Self.letters) }
            while s.utf8.count > target { s.removeLast() }
            return s
        }
        return string()
    }

    /// A double-quoted YAML scalar that reads back as exactly `s`.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(u)
            default:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += u.value > 0xFFFF
                    ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// A flow-style document mixing mappings, sequences and scalars down to `depth` levels.
    mutating func document(depth: Int = 4) -> String {
        value(depth: depth)
    }

    private mutating func value(depth: Int) -> String {
        if depth == 0 || chance(35) {
            switch below(12) {
            case 0: return pick(["1", "-7", "1.5", "true", "no", "~", "null", "0x10", "1e3", ".inf", "{}", "[]"])
            default: return Self.quoted(string())
            }
        }
        if chance(50) {
            var items: [String] = []
            for _ in 0..<below(5) { items.append(value(depth: depth - 1)) }
            return "[" + items.joined(separator: ", ") + "]"
        }
        var seen = Set<String>()
        var entries: [String] = []
        for _ in 0..<below(6) {
            let k = key()
            guard seen.insert(k).inserted else { continue }
            entries.append(Self.quoted(k) + ": " + value(depth: depth - 1))
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}
