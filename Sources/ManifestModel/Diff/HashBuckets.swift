/// Values grouped by hash, each group in the order added. The hashes are already mixed (they bucket values
/// that are then compared), so the table is open addressing on the hash itself, without `Hasher`: a slot
/// holds the group's first entry, and entries of one group are chained in the order added.
struct HashBuckets {
    private struct Entry {
        var hash: Int
        var value: Int
        /// The next entry of the same group, or -1.
        var next: Int32
        /// For a group's first entry: the group's last entry.
        var last: Int32
    }

    /// Entry indexes of each group's first entry, or -1; a power of two long, at most half full.
    private var slots: [Int32]
    private var entries: [Entry] = []
    private var shift: UInt64

    /// A table for up to `capacity` values without growing.
    init(capacity: Int) {
        var size = 8
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        entries.reserveCapacity(capacity)
    }

    /// The first slot to probe for `hash` (Fibonacci hashing, so hashes that differ only in their high bits
    /// still spread).
    @inline(__always) private func home(_ hash: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(hash)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `value` at the end of the group of `hash`.
    mutating func add(_ value: Int, hash: Int) {
        if 2 * (entries.count + 1) > slots.count { grow() }
        let e = Int32(entries.count)
        entries.append(Entry(hash: hash, value: value, next: -1, last: e))
        let mask = slots.count - 1
        var s = home(hash)
        while true {
            let head = slots[s]
            if head < 0 {
                slots[s] = e
                return
            }
            if entries[Int(head)].hash == hash {
                entries[Int(entries[Int(head)].last)].next = e
                entries[Int(head)].last = e
                return
            }
            s = (s + 1) & mask
        }
    }

    /// The first value in the group of `hash`, in order, for which `test` holds (the values after it are not
    /// tested).
    func first(hash: Int, where test: (Int) throws(DiffError) -> Bool) throws(DiffError) -> Int? {
        let mask = slots.count - 1
        var s = home(hash)
        while true {
            let head = slots[s]
            if head < 0 { return nil }
            if entries[Int(head)].hash == hash { break }
            s = (s + 1) & mask
        }
        var e = slots[s]
        while e >= 0 {
            let entry = entries[Int(e)]
            if try test(entry.value) { return entry.value }
            e = entry.next
        }
        return nil
    }

    /// Doubles the slots and puts each group's first entry back (the chains stay as they are).
    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1
        // A group's first entry is the one no other entry chains to.
        var chained = Array(repeating: false, count: entries.count)
        for entry in entries where entry.next >= 0 { chained[Int(entry.next)] = true }
        for i in entries.indices where !chained[i] {
            var s = home(entries[i].hash)
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(i)
        }
    }
}
