/// Which AZ each static IP with several candidate AZs serves, decided as the director's
/// `placement_planner/bruteforce_ip_allocation.rb` decides it.
///
/// Addresses are taken in the order the manifest lists them. An address with one candidate counts for that
/// AZ; an address with several goes to the candidate that the addresses before it use least, ties going to
/// the candidate listed first (the subnet's `azs` order). With several static networks the director also
/// demands the same number of addresses per AZ in every network and backtracks until it finds such a choice.
enum StaticIPDistribution {
    /// One network: the director's search never backtracks, so a single pass gives its answer.
    static func greedy(_ list: [[String?]]) -> [[String?]] {
        var list = list
        var used: [String?: Int] = [:]
        for i in list.indices {
            if list[i].count > 1 { list[i] = [leastUsed(list[i], used)] }
            if list[i].count == 1 { used[list[i][0], default: 0] += 1 }
        }
        return list
    }

    /// Several networks: the director's depth-first search, step for step (the first choice it accepts is
    /// its answer); `nil` when it accepts none.
    static func search(_ lists: [[[String?]]]) -> [[[String?]]]? {
        if lists.allSatisfy({ $0.allSatisfy { $0.count <= 1 } }) {
            return sameSpread(lists) ? lists : nil
        }
        var lists = lists
        var used: [String?: Int] = [:]
        for n in lists.indices {
            if n > 0 && !canFollow(lists[n - 1], lists[n]) { return nil }
            for i in lists[n].indices {
                if lists[n][i].count == 1 {
                    used[lists[n][i][0], default: 0] += 1
                    continue
                }
                for az in byLeastUsed(lists[n][i], used) {
                    lists[n][i] = [az]
                    used[az, default: 0] += 1
                    if let found = search(lists) { return found }
                }
            }
        }
        return nil
    }

    /// The first of `candidates` with the fewest uses.
    private static func leastUsed(_ candidates: [String?], _ used: [String?: Int]) -> String? {
        var best = candidates[0]
        var bestCount = used[best] ?? 0
        for az in candidates.dropFirst() where (used[az] ?? 0) < bestCount {
            best = az
            bestCount = used[az] ?? 0
        }
        return best
    }

    /// `candidates` by uses, ties in their own order.
    private static func byLeastUsed(_ candidates: [String?], _ used: [String?: Int]) -> [String?] {
        candidates.enumerated().sorted {
            let a = used[$0.element] ?? 0
            let b = used[$1.element] ?? 0
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// Each AZ the previous network uses (by each address's first candidate) must have at least as many
    /// candidate addresses in the next network.
    private static func canFollow(_ previous: [[String?]], _ next: [[String?]]) -> Bool {
        var required: [String?: Int] = [:]
        for azs in previous { required[azs.first ?? nil, default: 0] += 1 }
        return required.allSatisfy { az, count in next.lazy.filter { $0.contains(az) }.count >= count }
    }

    /// Every network has the same number of addresses in each AZ.
    private static func sameSpread(_ lists: [[[String?]]]) -> Bool {
        let spreads = lists.map { list in
            var counts: [String?: Int] = [:]
            for azs in list { for az in azs { counts[az, default: 0] += 1 } }
            return counts
        }
        return spreads.allSatisfy { $0 == spreads[0] }
    }
}
