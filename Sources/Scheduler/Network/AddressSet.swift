/// A set of IPv4 addresses kept as sorted, merged, closed ranges: membership is a binary search and a whole
/// `/16` costs one range.
struct AddressSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>] = []

    init() {}

    init(_ ranges: [ClosedRange<UInt32>]) {
        for r in ranges { insert(r) }
    }

    var isEmpty: Bool { ranges.isEmpty }

    mutating func insert(_ address: IPv4Address) { insert(address.value...address.value) }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        // Ranges are few (reserved/static lists); an insertion sort with merging keeps them canonical.
        var lower = range.lowerBound
        var upper = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        var placed = false
        for r in ranges {
            if r.upperBound < lower && lower - r.upperBound > 1 {
                kept.append(r)
            } else if r.lowerBound > upper && r.lowerBound - upper > 1 {
                if !placed {
                    kept.append(lower...upper)
                    placed = true
                }
                kept.append(r)
            } else {
                lower = min(lower, r.lowerBound)
                upper = max(upper, r.upperBound)
            }
        }
        if !placed { kept.append(lower...upper) }
        ranges = kept
    }

    func contains(_ address: IPv4Address) -> Bool { range(containing: address) != nil }

    /// The stored range holding `address`, if any.
    func range(containing address: IPv4Address) -> ClosedRange<UInt32>? {
        var low = 0
        var high = ranges.count - 1
        let v = address.value
        while low <= high {
            let mid = (low + high) / 2
            let r = ranges[mid]
            if v < r.lowerBound { high = mid - 1 } else if v > r.upperBound { low = mid + 1 } else { return r }
        }
        return nil
    }

    /// Every address, in order (for small sets: static pools of vip networks).
    var addresses: [IPv4Address] {
        ranges.flatMap { r in r.map(IPv4Address.init) }
    }
}

/// Parses the entries of `reserved:` and `static:` (and `static_ips:`): single addresses, `a - b` ranges
/// and CIDR blocks.
enum AddressListParser {
    static func parse(_ entry: String) -> ClosedRange<UInt32>? {
        if entry.contains("/") { return CIDR(entry).map { $0.first.value...$0.last.value } }
        if let dash = entry.firstIndex(of: "-") {
            guard let a = IPv4Address(entry[..<dash].trimmed),
                let b = IPv4Address(entry[entry.index(after: dash)...].trimmed), a <= b
            else { return nil }
            return a.value...b.value
        }
        return IPv4Address(entry.trimmed).map { $0.value...$0.value }
    }
}
