/// What an equality walk (``ValueComparison/equal(_:_:_:_:strict:notes:)``) met that its answer does not
/// tell: whether a `true` from `==` also holds for `eql?`, and with the two sides swapped.
struct EqualityNotes {
    /// Two scalars were equal only as `==` (an Integer and a Float of the same value).
    var looseOnly = false
    /// A map key was looked up by value rather than found at the same position in the other map (the only
    /// step whose answer can depend on which side is walked, when a map holds keys Psych loads as equal).
    var lookedUp = false
    /// When the walk started at two maps: how many of their leading entries had the same key at the same
    /// position and values equal before any lookup (so equal both ways, and as `==` when the walk was `eql?`).
    var leadingEqualEntries = 0
    /// How many collections deep the walk is.
    var depth = 0

    /// Whether a `true` answer also means `eql?`, in both directions: every scalar pair was equal as `eql?`
    /// and every map pair had the same keys in the same order, so the swapped walk compares the same pairs.
    /// (A `false` from an `eql?` walk without ``lookedUp`` holds both ways for the same reason.)
    var strictInBothDirections: Bool { !looseOnly && !lookedUp }
}
