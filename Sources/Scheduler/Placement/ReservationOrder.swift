/// The order in which the director reserves a group's addresses: its instance plan order
/// (`instance_plan_sorter.rb`, used by `InstanceGroup#bind_instance_networks`).
///
/// The bootstrap instance first, then the rest of its AZ, then instances without an AZ, then the other AZs
/// by name. Inside an AZ the director sorts by `group/uuid`: existing instances come in the order of their
/// ids; new instances get random UUIDs when planned, so any place among them is one the director may give
/// them — BoshKit puts them after the existing ones, by index.
enum ReservationOrder {
    struct Member {
        var az: String?
        var id: String?
        var index: Int
        var bootstrap: Bool
    }

    /// Positions of `members` in reservation order. Linear apart from sorting the few AZ names and the ids
    /// of existing instances: members are bucketed by AZ, and new members already come in index order.
    static func order(_ members: [Member]) -> [Int] {
        // A group has a handful of AZs: a linear list of buckets beats hashing every member's AZ.
        var azs: [String?] = []
        var buckets: [[Int]] = []
        var last = -1
        for (i, m) in members.enumerated() {
            if last < 0 || azs[last] != m.az {
                last = azs.firstIndex(of: m.az) ?? -1
                if last < 0 {
                    azs.append(m.az)
                    buckets.append([])
                    last = azs.count - 1
                }
            }
            buckets[last].append(i)
        }
        let bootstrap = members.firstIndex { $0.bootstrap }
        var azOrder: [Int] = []
        if let bootstrap, let b = azs.firstIndex(of: members[bootstrap].az) { azOrder.append(b) }
        if let n = azs.firstIndex(of: nil), !azOrder.contains(n) { azOrder.append(n) }
        azOrder += azs.indices.filter { azs[$0] != nil && !azOrder.contains($0) }.sorted { azs[$0]! < azs[$1]! }

        var result: [Int] = []
        result.reserveCapacity(members.count)
        if let bootstrap { result.append(bootstrap) }
        for b in azOrder {
            var existing: [Int] = []
            var new: [Int] = []
            new.reserveCapacity(buckets[b].count)
            for i in buckets[b] where i != bootstrap {
                if members[i].id != nil { existing.append(i) } else { new.append(i) }
            }
            existing.sort { a, b in
                let x = members[a].id!
                let y = members[b].id!
                return x != y ? x < y : members[a].index < members[b].index
            }
            if !zip(new, new.dropFirst()).allSatisfy({ members[$0].index < members[$1].index }) {
                new.sort { members[$0].index < members[$1].index }
            }
            result += existing
            result += new
        }
        return result
    }
}
