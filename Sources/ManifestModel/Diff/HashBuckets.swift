/// Values grouped by hash, each group in the order added: the first value of a group in one dictionary, the
/// rest (rare: hashes only look one level deep) in another, so most groups cost no array of their own.
struct HashBuckets {
    private var firsts: [Int: Int] = [:]
    private var rest: [Int: [Int]] = [:]

    init(capacity: Int) {
        firsts.reserveCapacity(capacity)
    }

    mutating func add(_ value: Int, hash: Int) {
        // One lookup for a new hash; a repeated one puts the group's first value back.
        if let first = firsts.updateValue(value, forKey: hash) {
            firsts[hash] = first
            rest[hash, default: []].append(value)
        }
    }

    /// The first value in the group of `hash`, in order, for which `test` holds (the values after it are not
    /// tested).
    func first(hash: Int, where test: (Int) throws(DiffError) -> Bool) throws(DiffError) -> Int? {
        guard let head = firsts[hash] else { return nil }
        if try test(head) { return head }
        guard let others = rest[hash] else { return nil }
        for value in others where try test(value) { return value }
        return nil
    }
}
