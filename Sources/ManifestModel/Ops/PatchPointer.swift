/// A go-patch path: `/instance_groups/name=web/jobs/-`, with `?` optional segments, `name=value` matching,
/// `:prev`/`:next`/`:before`/`:after` modifiers and `~0` `~1` `~7` escapes; `""` is the whole document.
public struct PatchPointer: Hashable, Sendable, CustomStringConvertible {
    /// A modifier on an index or matching segment.
    public enum Modifier: Hashable, Sendable {
        case prev, next, before, after

        var goTypeName: String {
            switch self {
            case .prev: return "patch.PrevModifier"
            case .next: return "patch.NextModifier"
            case .before: return "patch.BeforeModifier"
            case .after: return "patch.AfterModifier"
            }
        }
    }

    /// One segment of a pointer.
    public enum Token: Hashable, Sendable {
        /// The document itself (always first).
        case root
        /// An array index (negative counts from the end).
        case index(Int, modifiers: [Modifier])
        /// `-`: after the last item.
        case afterLast
        /// `key=value`: the one array item whose `key` is the string `value`.
        case matching(key: String, value: String, optional: Bool, modifiers: [Modifier])
        /// A map key.
        case key(String, optional: Bool)

        var goTypeName: String {
            switch self {
            case .root: return "patch.RootToken"
            case .index: return "patch.IndexToken"
            case .afterLast: return "patch.AfterLastIndexToken"
            case .matching: return "patch.MatchingIndexToken"
            case .key: return "patch.KeyToken"
            }
        }
    }

    /// The tokens, `.root` first.
    public let tokens: [Token]

    /// Wraps tokens (the first must be `.root`).
    public init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a pointer as go-patch does; the error text is go-patch's.
    public init(_ text: String) throws(PatchPointerError) {
        tokens = try Self.parse(text)
    }

    /// - Parameter fastASCII: ASCII text through ``parseASCII(_:)`` (tests compare both ways).
    static func parse(_ text: String, fastASCII: Bool = true) throws(PatchPointerError) -> [Token] {
        var tokens: [Token] = [.root]
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return tokens }
        guard bytes[0] == UInt8(ascii: "/") else { throw PatchPointerError("Expected to start with '/'") }
        if fastASCII && bytes.allSatisfy({ $0 < 0x80 }) { return try parseASCII(bytes) }
        // Segments between slashes (the first slash starts the first segment).
        var segments: [ArraySlice<UInt8>] = []
        var start = 1
        for i in 1..<bytes.count where bytes[i] == UInt8(ascii: "/") {
            segments.append(bytes[start..<i])
            start = i + 1
        }
        segments.append(bytes[start..<bytes.count])
        var optional = false
        for (i, segment) in segments.enumerated() {
            let isLast = i == segments.count - 1
            var modifiers: [Modifier] = []
            let parts = segment.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            if parts.count > 1 {
                for p in parts.dropFirst() {
                    switch String(decoding: p, as: UTF8.self) {
                    case "prev": modifiers.append(.prev)
                    case "next": modifiers.append(.next)
                    case "before": modifiers.append(.before)
                    case "after": modifiers.append(.after)
                    default:
                        throw PatchPointerError(
                            "Expected to find one of the following modifiers: 'prev', 'next', 'before', or 'after' but found '\(String(decoding: parts[1], as: UTF8.self))'")
                    }
                }
            }
            var tok = unescape(String(decoding: parts[0], as: UTF8.self))
            if isLast && tok == "-" {
                if !modifiers.isEmpty {
                    throw PatchPointerError("Expected not to find any modifiers with after last index token")
                }
                tokens.append(.afterLast)
                continue
            }
            if let index = goAtoi(tok) {
                tokens.append(.index(index, modifiers: modifiers))
                continue
            }
            if tok.hasSuffix("?") { optional = true }
            if let eq = tok.firstIndex(of: "=") {
                var value = String(tok[tok.index(after: eq)...])
                if value.hasSuffix("?") { value.removeLast() }
                tokens.append(.matching(key: String(tok[..<eq]), value: value, optional: optional, modifiers: modifiers))
                continue
            }
            if !modifiers.isEmpty { throw PatchPointerError("Expected not to find any modifiers with key token") }
            if tok.hasSuffix("?") { tok.removeLast() }
            tokens.append(.key(tok, optional: optional))
        }
        return tokens
    }

    /// The pointer as go-patch prints it.
    public var description: String { prefix(tokens.count) }

    /// The first `count` tokens printed as go-patch prints a pointer (`?` once, at the first optional token).
    func prefix(_ count: Int) -> String {
        var parts: [String] = []
        var optionalShown = false
        for token in tokens.prefix(count) {
            switch token {
            case .root: parts.append("")
            case .index(let i, let mods): parts.append(String(i) + Self.modifierText(mods))
            case .afterLast: parts.append("-")
            case .matching(let key, let value, let optional, let mods):
                var v = Self.escape(value)
                if optional && !optionalShown {
                    v += "?"
                    optionalShown = true
                }
                parts.append(Self.escape(key) + "=" + v + Self.modifierText(mods))
            case .key(let key, let optional):
                var k = Self.escape(key)
                if optional && !optionalShown {
                    k += "?"
                    optionalShown = true
                }
                parts.append(k)
            }
        }
        return parts.joined(separator: "/")
    }

    private static func modifierText(_ mods: [Modifier]) -> String {
        mods.map { ":" + "\($0)" }.joined()
    }

    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "~")) else { return s }
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            if c == "~" {
                guard let n = it.next() else {
                    out.append(c)
                    break
                }
                switch n {
                case "0": out.append("~")
                case "1": out.append("/")
                case "7": out.append(":")
                default:
                    out.append(c)
                    out.append(n)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            case ":": out += "~7"
            default: out.append(c)
            }
        }
        return out
    }

    /// Go `strconv.Atoi`: optional sign, decimal digits, no spaces.
    static func goAtoi(_ s: String) -> Int? {
        var utf8 = Substring(s).utf8
        if let f = utf8.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(s)
    }
}

/// A pointer that does not parse; the message is go-patch's.
public struct PatchPointerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// go-patch's text.
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
