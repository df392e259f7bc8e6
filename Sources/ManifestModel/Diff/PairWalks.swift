/// What `Array#-` learned walking pairs of elements (an element of the new list against one of the old list)
/// that later steps of the same array comparison reuse: the pairs found unequal both ways (the old-minus-new
/// pass need not walk them again) and, for pairs of maps, how many leading entries were equal both ways (the
/// nested diff of a matched pair need not walk those again). Elements are keyed by node, on both sides.
///
/// Few pairs are recorded (only elements of one hash bucket are walked against each other), so they live in a
/// small open-addressing table keyed by the pair, without `Hasher`; nothing is allocated until the first one.
struct PairWalks {
    /// Per slot: the pair's key, or -1 for an empty slot (a key is never negative, as node refs are not).
    private var keys: [Int] = []
    /// Per slot: the leading equal entries shifted left once, the low bit set when the pair is unequal.
    private var facts: [Int] = []
    private var count = 0

    private static func key(new: Int32, old: Int32) -> Int { Int(new) << 32 | Int(old) }

    @inline(__always) private static func home(_ key: Int, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Notes an `eql?` walk from the new element to the old one that answered `false`. A pair walked twice (an
    /// aliased element appears twice in its list) is recorded twice with the same facts, as walks are
    /// deterministic, so the second record simply replaces the first.
    mutating func recordUnequal(new: Int32, old: Int32, _ notes: EqualityNotes) {
        // Without a lookup the walk compared the same pairs the swapped walk would, so `false` holds both ways.
        let unequal = !notes.lookedUp
        guard unequal || notes.leadingEqualEntries > 0 else { return }
        let fact = notes.leadingEqualEntries << 1 | (unequal ? 1 : 0)
        let key = Self.key(new: new, old: old)
        if 2 * (count + 1) > keys.count { grow() }
        let s = slot(key)
        if keys[s] < 0 {
            keys[s] = key
            count += 1
        }
        facts[s] = fact
    }

    /// Whether the pair is known to be unequal (in either direction).
    func areUnequal(new: Int32, old: Int32) -> Bool { fact(Self.key(new: new, old: old)) & 1 != 0 }

    /// How many leading entries of the two maps are known to be equal both ways.
    func leadingEqualEntries(new: Int32, old: Int32) -> Int { fact(Self.key(new: new, old: old)) >> 1 }

    private func fact(_ key: Int) -> Int {
        guard count > 0 else { return 0 }
        let s = slot(key)
        return keys[s] == key ? facts[s] : 0
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always) private func slot(_ key: Int) -> Int {
        let mask = keys.count - 1
        var s = Self.home(key, mask)
        while keys[s] >= 0 && keys[s] != key { s = (s + 1) & mask }
        return s
    }

    private mutating func grow() {
        let oldKeys = keys, oldFacts = facts
        keys = Array(repeating: -1, count: max(16, 2 * oldKeys.count))
        facts = Array(repeating: 0, count: keys.count)
        for i in oldKeys.indices where oldKeys[i] >= 0 {
            let s = slot(oldKeys[i])
            keys[s] = oldKeys[i]
            facts[s] = oldFacts[i]
        }
    }
}
