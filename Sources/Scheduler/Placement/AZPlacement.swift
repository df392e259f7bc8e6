/// Where each desired instance of a group goes: which AZ, and which existing instance (if any) it reuses.
///
/// Mirrors the director's placement planner (`deployment_plan/placement_planner/`): balanced across the
/// group's AZs, existing instances kept, instances with persistent disks keeping their AZ, ties broken
/// towards AZs that still hold an unclaimed existing instance and then by AZ name.
struct AZPlacement {
    /// One placed instance: its AZ and the existing instance it reuses (`nil` = new).
    struct Slot {
        var az: String?
        var existing: ExistingInstance?
        /// Static IPs decided during placement, by network.
        var staticIPs: [String: IPv4Address] = [:]
    }

    struct Result {
        var slots: [Slot]
        var obsolete: [ExistingInstance]
    }

    /// Deterministic tie-breaking unless the deployment asks for `randomize_az_placement`.
    enum TieBreak {
        case lowestName
        case random(SeededGenerator)
    }

    /// Places `count` instances over `azs` without static IPs (the director's `AvailabilityZonePicker`).
    static func place(
        count: Int, azs: [String], existing: [ExistingInstance], tieBreak: TieBreak, group: String
    ) throws -> Result {
        var tieBreak = tieBreak
        let existing = existing.sorted { $0.index < $1.index }
        if azs.isEmpty {
            // No AZs: keep the lowest indexes.
            let kept = existing.prefix(count)
            var slots = kept.map { Slot(az: nil, existing: $0) }
            slots += (0..<max(0, count - kept.count)).map { _ in Slot(az: nil, existing: nil) }
            return Result(slots: slots, obsolete: Array(existing.dropFirst(count)))
        }
        // 1. AZs ordered by how many existing instances they hold, most first (stable: manifest order).
        var existingCount: [String: Int] = [:]
        for e in existing { if let az = e.az { existingCount[az, default: 0] += 1 } }
        let order = azs.enumerated().sorted {
            let a = existingCount[$0.element] ?? 0
            let b = existingCount[$1.element] ?? 0
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

        var unclaimed: [[ExistingInstance]] = Array(repeating: [], count: order.count)  // per AZ, by index
        var obsolete: [ExistingInstance] = []
        for e in existing {
            if let az = e.az, let p = position[az] { unclaimed[p].append(e) } else { obsolete.append(e) }
        }
        var cursor = Array(repeating: 0, count: order.count)  // next unclaimed per AZ
        var weight = Array(repeating: 0, count: order.count)
        var slots: [Slot] = []
        slots.reserveCapacity(count)
        var remaining = count

        // 2. Ignored instances stay where they are.
        let ignored = existing.filter { $0.ignored == true }
        if ignored.count > count {
            throw SchedulerError(.placement, .manifest, Paths.group(group) + "/instances",
                "Instance group '\(group)' has \(ignored.count) ignored instances but only \(count) desired; unignore instances before scaling down")
        }
        var claimed = Set<String>()
        for e in ignored {
            guard let az = e.az, let p = position[az] else {
                throw SchedulerError(.placement, .manifest, Paths.group(group) + "/azs",
                    "Instance '\(e.name)' is ignored but its availability zone '\(e.az ?? "none")' was removed from instance group '\(group)'")
            }
            claimed.insert(e.id)
            weight[p] += 1
            slots.append(Slot(az: az, existing: e))
            remaining -= 1
        }
        // 3. Instances with persistent disks keep their AZ.
        for e in existing where remaining > 0 && e.hasPersistentDisk == true && !claimed.contains(e.id) {
            guard let az = e.az, let p = position[az] else { continue }
            claimed.insert(e.id)
            weight[p] += 1
            slots.append(Slot(az: az, existing: e))
            remaining -= 1
        }
        func nextUnclaimed(_ p: Int) -> ExistingInstance? {
            while cursor[p] < unclaimed[p].count, claimed.contains(unclaimed[p][cursor[p]].id) { cursor[p] += 1 }
            return cursor[p] < unclaimed[p].count ? unclaimed[p][cursor[p]] : nil
        }
        // 4. Balance the rest.
        let byName = order.indices.sorted { order[$0] < order[$1] }
        while remaining > 0 {
            let least = weight.min()!
            // Ties: an AZ that still has an unclaimed existing instance (in step-1 order), then the tie-break.
            var pick = order.indices.first { weight[$0] == least && nextUnclaimed($0) != nil }
            if pick == nil {
                switch tieBreak {
                case .lowestName:
                    pick = byName.first { weight[$0] == least }
                case .random(var generator):
                    let tied = order.indices.filter { weight[$0] == least }
                    pick = tied[Int(generator.next() % UInt64(tied.count))]
                    tieBreak = .random(generator)
                }
            }
            let p = pick!
            let reuse = nextUnclaimed(p)
            if let reuse { claimed.insert(reuse.id) }
            weight[p] += 1
            slots.append(Slot(az: order[p], existing: reuse))
            remaining -= 1
        }
        // 5. Whatever was not claimed goes away.
        for list in unclaimed { obsolete += list.filter { !claimed.contains($0.id) } }
        return Result(slots: slots, obsolete: obsolete.sorted { $0.index < $1.index })
    }
}

/// A small deterministic generator (SplitMix64) for seeded tie-breaking and property tests.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Starts from `seed`; the same seed gives the same sequence on every platform.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
