extension PatchPointer {
    /// The tokens of pointer text `bytes` (starting with `/`), segment by segment. Byte-level, as go-patch is; the
    /// character-level parser it replaced was a fifth of applying cf-deployment's ops files.
    static func parseSegments(_ bytes: [UInt8]) throws(PatchPointerError) -> [Token] {
        var tokens: [Token] = [.root]
        var optional = false
        var start = 1
        while true {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
            let isLast = end == bytes.count
            let token = try segmentToken(bytes[start..<end], isLast: isLast, optional: &optional)
            tokens.append(token)
            if isLast { return tokens }
            start = end + 1
        }
    }

    private static func segmentToken(
        _ segment: ArraySlice<UInt8>, isLast: Bool, optional: inout Bool
    ) throws(PatchPointerError) -> Token {
        let colon = segment.firstIndex(of: UInt8(ascii: ":"))
        var modifiers: [Modifier] = []
        if let colon {
            let parts = segment[(colon + 1)...].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            for p in parts {
                switch String(decoding: p, as: UTF8.self) {
                case "prev": modifiers.append(.prev)
                case "next": modifiers.append(.next)
                case "before": modifiers.append(.before)
                case "after": modifiers.append(.after)
                default:
                    throw PatchPointerError(
                        "Expected to find one of the following modifiers: 'prev', 'next', 'before', or 'after' but found '\(String(decoding: parts[0], as: UTF8.self))'")
                }
            }
        }
        let tok = unescape(segment[..<(colon ?? segment.endIndex)])
        if isLast && tok.count == 1 && tok[0] == UInt8(ascii: "-") {
            if !modifiers.isEmpty {
                throw PatchPointerError("Expected not to find any modifiers with after last index token")
            }
            return .afterLast
        }
        if let index = goAtoi(tok) { return .index(index, modifiers: modifiers) }
        if tok.last == UInt8(ascii: "?") { optional = true }
        if let eq = tok.firstIndex(of: UInt8(ascii: "=")) {
            var value = tok[(eq + 1)...]
            if value.last == UInt8(ascii: "?") { value.removeLast() }
            return .matching(
                key: String(decoding: tok[..<eq], as: UTF8.self), value: String(decoding: value, as: UTF8.self),
                optional: optional, modifiers: modifiers)
        }
        if !modifiers.isEmpty { throw PatchPointerError("Expected not to find any modifiers with key token") }
        var key = tok[...]
        if key.last == UInt8(ascii: "?") { key.removeLast() }
        return .key(String(decoding: key, as: UTF8.self), optional: optional)
    }

    /// go-patch's unescaping (one left-to-right pass): `~0` `~1` `~7` become `~` `/` `:`; any other `~` stays.
    private static func unescape(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        // Most segments have no `~`: one search, one copy.
        guard raw.contains(UInt8(ascii: "~")) else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let c = raw[i]
            i += 1
            guard c == UInt8(ascii: "~"), i < raw.endIndex else {
                out.append(c)
                continue
            }
            switch raw[i] {
            case UInt8(ascii: "0"): out.append(UInt8(ascii: "~"))
            case UInt8(ascii: "1"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "7"): out.append(UInt8(ascii: ":"))
            default:
                // Not an escape: the `~` stays and the next byte is read afresh (`~~1` is `~/`, as Go's
                // strings.Replacer scans it).
                out.append(c)
                continue
            }
            i += 1
        }
        return out
    }

    /// Go `strconv.Atoi`: optional sign, decimal digits, no spaces.
    private static func goAtoi(_ tok: [UInt8]) -> Int? {
        var digits = tok[...]
        if let f = digits.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(String(decoding: tok, as: UTF8.self))
    }
}
