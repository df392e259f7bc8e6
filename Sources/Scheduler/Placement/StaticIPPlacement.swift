/// Placement when a group's manual networks list `static_ips`: the addresses decide the AZs (the director's
/// `placement_planner/static_ips_availability_zone_picker.rb`).
///
/// 1. Existing instances (by index) holding a listed address keep it and their AZ, while desired instances
///    remain; past that they go away and their addresses are dropped.
/// 2. The other existing instances are reused, with the first free addresses of their AZ, when every static
///    network still has one there; otherwise they go away.
/// 3. The addresses left with several candidate AZs are spread (``StaticIPDistribution``).
/// 4. New instances take the remaining addresses in the listed order, each its address's AZ.
extension AZPlacement {
    struct StaticNetwork {
        var name: String
        var ips: [IPv4Address]
        var path: String
    }

    static func place(
        count: Int, azs: [String], existing: [ExistingInstance], staticNetworks: [StaticNetwork],
        layout: NetworkLayout, group: String
    ) throws -> Result {
        var pool = try StaticIPPool(networks: staticNetworks, groupAZs: azs, layout: layout, group: group)
        try pool.validate(groupAZs: azs)
        let existing = existing.sorted { $0.index < $1.index }
        let networks = staticNetworks.indices
        var remaining = count
        var slots: [Slot] = []
        var decided = Set<String>()
        var obsolete: [ExistingInstance] = []
        func distributionFailure(_ n: Int) -> SchedulerError {
            SchedulerError(.placement, .manifest, staticNetworks[n].path,
                "Failed to distribute static IPs to satisfy existing instance reservations")
        }

        // 1. Existing instances holding listed addresses.
        var holders = 0
        for e in existing {
            var slot: Slot?
            var goes = false
            for n in networks {
                let name = staticNetworks[n].name
                guard let ip = e.addresses?[name], let i = pool.entry(n, holding: ip) else { continue }
                if slot == nil && !goes {
                    if remaining == 0 {
                        goes = true
                    } else {
                        guard pool.entries[n][i].azs.contains(e.az) else {
                            throw SchedulerError(.placement, .manifest, staticNetworks[n].path,
                                "Existing instance '\(group)/\(e.index)' is using IP '\(ip.cidrDescription)' in availability zone '\(e.az ?? "")' (its subnet or instance group no longer has that availability zone)")
                        }
                        remaining -= 1
                        slot = Slot(az: e.az, existing: e)
                    }
                }
                if slot != nil {
                    if pool.entries[n][i].azs.contains(e.az) { slot!.staticIPs[name] = ip }
                    pool.claim(n, i, az: e.az)
                } else {
                    pool.remove(n, i)
                }
            }
            if let slot {
                slots.append(slot)
                decided.insert(e.id)
            } else if goes {
                obsolete.append(e)
                decided.insert(e.id)
            }
        }
        holders = slots.count

        // 2. The other existing instances: reused where their AZ still has an address on every network.
        for e in existing where !decided.contains(e.id) {
            guard remaining > 0, networks.allSatisfy({ pool.first($0, az: e.az) != nil }) else {
                obsolete.append(e)
                continue
            }
            remaining -= 1
            var slot = Slot(az: e.az, existing: e)
            for n in networks {
                let i = pool.first(n, az: e.az)!
                pool.claim(n, i, az: e.az)
                slot.staticIPs[staticNetworks[n].name] = pool.entries[n][i].ip
            }
            slots.append(slot)
        }
        // Instances of step 1 without an address on some network take the first free one of their AZ.
        for s in 0..<holders {
            for n in networks where slots[s].staticIPs[staticNetworks[n].name] == nil {
                guard let i = pool.first(n, az: slots[s].az) else { throw distributionFailure(n) }
                pool.claim(n, i, az: slots[s].az)
                slots[s].staticIPs[staticNetworks[n].name] = pool.entries[n][i].ip
            }
        }

        // 3. Spread what is left, 4. new instances in address order.
        try pool.distribute()
        var perAZ: [String?: Int] = [:]
        for slot in slots { perAZ[slot.az, default: 0] += 1 }
        for _ in 0..<remaining {
            var slot = Slot(az: nil, existing: nil)
            var placed = false
            for n in networks {
                let found = placed ? pool.first(n, az: slot.az) : pool.first(n)
                guard let i = found else { throw distributionFailure(n) }
                if !placed {
                    // After the spread every address has one AZ; several would go to the emptiest.
                    let candidates = pool.entries[n][i].azs
                    slot.az = candidates.count == 1 ? candidates[0] : candidates.min { perAZ[$0] ?? 0 < perAZ[$1] ?? 0 } ?? nil
                    placed = true
                }
                pool.claim(n, i, az: slot.az)
                slot.staticIPs[staticNetworks[n].name] = pool.entries[n][i].ip
            }
            perAZ[slot.az, default: 0] += 1
            slots.append(slot)
        }
        if obsolete.contains(where: { $0.ignored == true }) {
            throw SchedulerError(.placement, .manifest, staticNetworks[0].path,
                "In instance group '\(group)', an attempt was made to remove a static ip that is used by an ignored instance. This operation is not allowed.")
        }
        return Result(slots: slots, obsolete: obsolete.sorted { $0.index < $1.index })
    }
}
