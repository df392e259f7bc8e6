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

    /// Positions of `members` in reservation order.
    static func order(_ members: [Member]) -> [Int] {
        let bootstrapAZ = members.first { $0.bootstrap }.map(\.az)
        func rank(_ m: Member) -> Int {
            if m.bootstrap { return 0 }
            if let b = bootstrapAZ, m.az == b { return 1 }
            return m.az == nil ? 2 : 3
        }
        let ranks = members.map(rank)
        return members.indices.sorted { a, b in
            let x = members[a]
            let y = members[b]
            if ranks[a] != ranks[b] { return ranks[a] < ranks[b] }
            if x.az != y.az { return (x.az ?? "") < (y.az ?? "") }
            switch (x.id, y.id) {
            case let (i?, j?): return i != j ? i < j : x.index < y.index
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return x.index < y.index
            }
        }
    }
}
