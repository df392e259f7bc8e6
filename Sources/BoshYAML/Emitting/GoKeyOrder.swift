/// The order in which Go's yaml.v2 writes map keys (sorter.go `keyList.Less`): numbers and booleans by value
/// first, then other kinds by Go's reflect kind, and strings in a "natural" order in which runs of digits
/// compare as numbers and letters sort before other characters.
enum GoKeyOrder {
    /// A key reduced to what the comparison needs.
    struct SortKey {
        /// Go reflect.Kind of the decoded key: Bool 1, Int 2, Uint64 11, Float64 14, nil 20, Map 21, Slice 23, String 24.
        var kind: Int
        var number: Double?
        var exact: ResolvedScalar?
        var runes: [UInt32]
    }

    static func sortedEntries(of id: YAMLTree.NodeID, in tree: YAMLTree) -> [(YAMLTree.NodeID, YAMLTree.NodeID)] {
        let entries = tree.entries(id)
        var keyed: [(key: SortKey, entry: (YAMLTree.NodeID, YAMLTree.NodeID))] = []
        keyed.reserveCapacity(entries.count)
        for e in entries { keyed.append((sortKey(e.key, in: tree), (e.key, e.value))) }
        keyed.sort { less($0.key, $1.key) }
        return keyed.map(\.entry)
    }

    static func sortKey(_ id: YAMLTree.NodeID, in tree: YAMLTree) -> SortKey {
        switch tree.kind(id) {
        case .mapping: return SortKey(kind: 21, number: nil, exact: nil, runes: [])
        case .sequence: return SortKey(kind: 23, number: nil, exact: nil, runes: [])
        case .scalar: break
        }
        switch tree.scalarKind(id) {
        case .string:
            let runes = tree.withScalarBytes(id) { bytes -> [UInt32] in
                if !bytes.contains(where: { $0 >= 0x80 }) { return bytes.map { UInt32($0) } }
                return String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
            }
            return SortKey(kind: 24, number: nil, exact: nil, runes: runes)
        case .null:
            return SortKey(kind: 20, number: nil, exact: nil, runes: [])
        default:
            let value = tree.resolved(id)
            switch value {
            case .bool(let b)?: return SortKey(kind: 1, number: b ? 1 : 0, exact: value, runes: [])
            case .int(let v)?: return SortKey(kind: 2, number: Double(v), exact: value, runes: [])
            case .uint(let v)?: return SortKey(kind: 11, number: Double(v), exact: value, runes: [])
            case .float(let v)?: return SortKey(kind: 14, number: v, exact: value, runes: [])
            default: return SortKey(kind: 24, number: nil, exact: nil, runes: [])
            }
        }
    }

    static func less(_ a: SortKey, _ b: SortKey) -> Bool {
        if let af = a.number, let bf = b.number {
            if af != bf { return af < bf }
            if a.kind != b.kind { return a.kind < b.kind }
            return numLess(a.exact, b.exact)
        }
        if a.kind != 24 || b.kind != 24 { return a.kind < b.kind }
        return naturalLess(a.runes, b.runes)
    }

    private static func numLess(_ a: ResolvedScalar?, _ b: ResolvedScalar?) -> Bool {
        switch (a, b) {
        case (.int(let x)?, .int(let y)?): return x < y
        case (.uint(let x)?, .uint(let y)?): return x < y
        case (.float(let x)?, .float(let y)?): return x < y
        case (.bool(let x)?, .bool(let y)?): return !x && y
        default: return false
        }
    }

    static func naturalLess(_ ar: [UInt32], _ br: [UInt32]) -> Bool {
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return ar[i] < br[i] }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == 48 || br[i] == 48 {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != 48 {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai]) &- 48
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi]) &- 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i] < br[i]
        }
        return ar.count < br.count
    }

    /// Go `unicode.IsLetter`.
    static func isLetter(_ r: UInt32) -> Bool {
        if r < 0x80 { return (r >= 65 && r <= 90) || (r >= 97 && r <= 122) }
        guard let s = Unicode.Scalar(r) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go `unicode.IsDigit`.
    static func isDigit(_ r: UInt32) -> Bool {
        if r < 0x80 { return r >= 48 && r <= 57 }
        guard let s = Unicode.Scalar(r) else { return false }
        return s.properties.generalCategory == .decimalNumber
    }
}
