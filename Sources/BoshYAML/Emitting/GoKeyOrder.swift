/// The order in which Go's yaml.v2 writes map keys (sorter.go `keyList.Less`): numbers and booleans by value
/// first, then other kinds by Go's reflect kind, and strings in a "natural" order in which runs of digits
/// compare as numbers and letters sort before other characters.
enum GoKeyOrder {
    /// A key reduced to what the comparison needs. ASCII string keys point into the tree's byte buffer;
    /// keys with non-ASCII text point at their decoded code points in a side buffer (see ``sortKey(_:in:runes:)``),
    /// so a key holds no reference and sorting moves plain bytes.
    struct SortKey {
        /// Go reflect.Kind of the decoded key: Bool 1, Int 2, Uint64 11, Float64 14, nil 20, Map 21, Slice 23, String 24.
        var kind: UInt8
        var isNumber = false
        var number: Double = 0
        var int: Int64 = 0
        var uint: UInt64 = 0
        /// String keys: the text's offset and length in the tree's byte buffer.
        var start: Int = 0
        var count: Int = 0
        /// String keys with non-ASCII text: their code points' offset in the side buffer (-1: ASCII text).
        var runeStart: Int32 = -1
        var runeCount: Int32 = 0
    }

    /// One mapping entry with its sort key.
    struct Entry {
        var key: SortKey
        var keyID: Int32
        var valueID: Int32
    }

    /// A mapping's entries in yaml.v2's order.
    static func sortedEntries(of id: YAMLTree.NodeID, in tree: YAMLTree) -> [(YAMLTree.NodeID, YAMLTree.NodeID)] {
        var entries: [Entry] = []
        var runes: [UInt32] = []
        for e in tree.entries(id) {
            entries.append(Entry(key: sortKey(e.key, in: tree, runes: &runes), keyID: e.key.raw, valueID: e.value.raw))
        }
        tree.bytes.withUnsafeBufferPointer { text in
            runes.withUnsafeBufferPointer { sort(&entries[...], text: text, runes: $0) }
        }
        return entries.map { (YAMLTree.NodeID($0.keyID), YAMLTree.NodeID($0.valueID)) }
    }

    /// Sorts entries in place; `text` is the tree's byte buffer that string keys point into, `runes` the side
    /// buffer their keys were made with.
    static func sort(_ entries: inout ArraySlice<Entry>, text: UnsafeBufferPointer<UInt8>, runes: UnsafeBufferPointer<UInt32>) {
        entries.sort { less($0.key, $1.key, text: text, runes: runes) }
    }

    /// Sorts entries in place in their buffer.
    static func sort(_ entries: UnsafeMutableBufferPointer<Entry>, text: UnsafeBufferPointer<UInt8>, runes: UnsafeBufferPointer<UInt32>) {
        var entries = entries
        entries.sort { less($0.key, $1.key, text: text, runes: runes) }
    }

    /// The sort key of a mapping key; the code points of non-ASCII text are appended to `runes`.
    static func sortKey(_ id: YAMLTree.NodeID, in tree: YAMLTree, runes: inout [UInt32]) -> SortKey {
        let n = tree.nodes[id.index]
        switch n.kind {
        case .mapping: return SortKey(kind: 21)
        case .sequence: return SortKey(kind: 23)
        case .scalar: break
        }
        switch n.resolved {
        case .string:
            return stringKey(start: Int(n.start), count: Int(n.count), in: tree, runes: &runes)
        case .null:
            return SortKey(kind: 20)
        default:
            switch tree.resolved(id) {
            case .bool(let b)?: return SortKey(kind: 1, isNumber: true, number: b ? 1 : 0, int: b ? 1 : 0)
            case .int(let v)?: return SortKey(kind: 2, isNumber: true, number: Double(v), int: v)
            case .uint(let v)?: return SortKey(kind: 11, isNumber: true, number: Double(v), uint: v)
            case .float(let v)?: return SortKey(kind: 14, isNumber: true, number: v)
            default: return stringKey(start: Int(n.start), count: Int(n.count), in: tree, runes: &runes)
            }
        }
    }

    private static func stringKey(start: Int, count: Int, in tree: YAMLTree, runes: inout [UInt32]) -> SortKey {
        var key = SortKey(kind: 24, start: start, count: count)
        let ascii = tree.bytes.withUnsafeBufferPointer { b in
            var i = start
            while i < start + count {
                if b[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
        if !ascii {
            key.runeStart = Int32(runes.count)
            tree.bytes.withUnsafeBufferPointer { b in
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<start + count]), as: UTF8.self)
                runes.append(contentsOf: text.unicodeScalars.lazy.map(\.value))
            }
            key.runeCount = Int32(runes.count) - key.runeStart
        }
        return key
    }

    static func less(
        _ a: SortKey, _ b: SortKey, text: UnsafeBufferPointer<UInt8>, runes: UnsafeBufferPointer<UInt32>
    ) -> Bool {
        if a.isNumber && b.isNumber {
            if a.number != b.number { return a.number < b.number }
            if a.kind != b.kind { return a.kind < b.kind }
            switch a.kind {
            case 1, 2: return a.int < b.int
            case 11: return a.uint < b.uint
            case 14: return a.number < b.number
            default: return false
            }
        }
        if a.kind != 24 || b.kind != 24 { return a.kind < b.kind }
        switch (a.runeStart >= 0, b.runeStart >= 0) {
        case (false, false):
            return naturalLess(asciiRunes(a, text), asciiRunes(b, text))
        case (true, false):
            return naturalLess(decodedRunes(a, runes), asciiRunes(b, text))
        case (false, true):
            return naturalLess(asciiRunes(a, text), decodedRunes(b, runes))
        case (true, true):
            return naturalLess(decodedRunes(a, runes), decodedRunes(b, runes))
        }
    }

    private static func decodedRunes(_ key: SortKey, _ runes: UnsafeBufferPointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(rebasing: runes[Int(key.runeStart)..<Int(key.runeStart + key.runeCount)])
    }

    private static func asciiRunes(_ key: SortKey, _ text: UnsafeBufferPointer<UInt8>) -> ASCIIRunes {
        ASCIIRunes(base: key.count == 0 ? nil : text.baseAddress! + key.start, count: key.count)
    }

    /// The bytes of an ASCII key seen as code points, without copying them.
    struct ASCIIRunes: RandomAccessCollection {
        let base: UnsafePointer<UInt8>?
        let count: Int
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        @inline(__always) subscript(i: Int) -> UInt32 { UInt32(base![i]) }
    }

    static func naturalLess<A: RandomAccessCollection, B: RandomAccessCollection>(_ ar: A, _ br: B) -> Bool
    where A.Element == UInt32, B.Element == UInt32, A.Index == Int, B.Index == Int {
        let ac = ar.count
        let bc = br.count
        var i = 0
        while i < ac && i < bc {
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
            while ai < ac && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai]) &- 48
                ai += 1
            }
            var bi = i
            while bi < bc && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi]) &- 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i] < br[i]
        }
        return ac < bc
    }

    /// Go `unicode.IsLetter` (ASCII inline, the rest out of line).
    @inline(__always) static func isLetter(_ r: UInt32) -> Bool {
        if r < 0x80 { return (r >= 65 && r <= 90) || (r >= 97 && r <= 122) }
        return isNonASCIILetter(r)
    }

    @inline(never) static func isNonASCIILetter(_ r: UInt32) -> Bool {
        guard let s = Unicode.Scalar(r) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go `unicode.IsDigit` (ASCII inline, the rest out of line).
    @inline(__always) static func isDigit(_ r: UInt32) -> Bool {
        if r < 0x80 { return r >= 48 && r <= 57 }
        return isNonASCIIDigit(r)
    }

    @inline(never) static func isNonASCIIDigit(_ r: UInt32) -> Bool {
        guard let s = Unicode.Scalar(r) else { return false }
        return s.properties.generalCategory == .decimalNumber
    }
}
