/// What `Array#-` learned walking pairs of elements (an element of the new list against one of the old list)
/// that later steps of the same array comparison reuse: the pairs found unequal both ways (the old-minus-new
/// pass need not walk them again) and, for pairs of maps, how many leading entries were equal both ways (the
/// nested diff of a matched pair need not walk those again). Elements are keyed by node, on both sides.
struct PairWalks {
    private var unequal: Set<Int> = []
    private var leadingEqual: [Int: Int] = [:]

    private static func key(new: Int32, old: Int32) -> Int { Int(new) << 32 | Int(old) }

    /// Notes an `eql?` walk from the new element to the old one that answered `false`.
    mutating func recordUnequal(new: Int32, old: Int32, _ notes: EqualityNotes) {
        // Without a lookup the walk compared the same pairs the swapped walk would, so `false` holds both ways.
        if !notes.lookedUp { unequal.insert(Self.key(new: new, old: old)) }
        if notes.leadingEqualEntries > 0 { leadingEqual[Self.key(new: new, old: old)] = notes.leadingEqualEntries }
    }

    /// Whether the pair is known to be unequal (in either direction).
    func areUnequal(new: Int32, old: Int32) -> Bool { unequal.contains(Self.key(new: new, old: old)) }

    /// How many leading entries of the two maps are known to be equal both ways.
    func leadingEqualEntries(new: Int32, old: Int32) -> Int { leadingEqual[Self.key(new: new, old: old)] ?? 0 }
}
