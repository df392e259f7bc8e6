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

    /// go-patch splits, unescapes and compares pointer text as bytes (Go strings), and so does this parser: a
    /// combining mark after `~0` or `=` changes nothing, as in go-patch.
    static func parse(_ text: String) throws(PatchPointerError) -> [Token] {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return [.root] }
        guard bytes[0] == UInt8(ascii: "/") else { throw PatchPointerError("Expected to start with '/'") }
        return try parseSegments(bytes)
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

}

/// A pointer that does not parse; the message is go-patch's.
public struct PatchPointerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// go-patch's text.
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
