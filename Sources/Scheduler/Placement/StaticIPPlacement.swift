/// Placement when a group's networks list `static_ips`: the addresses decide the AZs (the director's
/// `StaticIpsAvailabilityZonePicker`).
///
/// Each address belongs to a subnet whose `azs` are the candidate AZs of the instance holding it. Existing
/// instances keep the addresses they already hold (and so their AZ); the other addresses go to the
/// candidate AZ that still has an unclaimed existing instance (the instance is reused with a new address),
/// otherwise to the candidate AZ with the fewest instances.
extension AZPlacement {
    struct StaticNetwork {
        var name: String
        var ips: [IPv4Address]
        var path: String
    }

    static func place(
        count: Int, azs: [String], existing: [ExistingInstance], staticNetworks: [StaticNetwork],
        allocator: IPAllocator, group: String
    ) throws -> Result {
        let primary = staticNetworks[0]
        let existing = existing.sorted { $0.index < $1.index }
        func candidates(_ ip: IPv4Address, network: StaticNetwork) throws -> [String?] {
            guard let subnet = allocator.subnet(of: ip, in: network.name) else {
                throw SchedulerError(.ipAllocation, .manifest, network.path,
                    "Instance group '\(group)' asks for static IP '\(ip)' which does not belong to any subnet of network '\(network.name)'")
            }
            if azs.isEmpty { return [nil] }
            let fit = azs.filter { subnet.azs.contains($0) }
            if fit.isEmpty {
                throw SchedulerError(.placement, .manifest, network.path,
                    "Instance group '\(group)' asks for static IP '\(ip)' of network '\(network.name)', whose subnet has availability zones [\(subnet.azs.joined(separator: ", "))], none of which the group uses [\(azs.joined(separator: ", "))]")
            }
            return fit
        }

        var slots: [Slot] = []
        var claimed = Set<String>()
        var placedPerAZ: [String: Int] = [:]
        var remainingIPs: [IPv4Address] = []
        let wanted = Set(primary.ips)
        var holders: [IPv4Address: ExistingInstance] = [:]
        for e in existing {
            if let ip = e.addresses?[primary.name], wanted.contains(ip), holders[ip] == nil { holders[ip] = e }
        }
        // Existing instances keep the addresses they hold, and their AZ.
        for ip in primary.ips {
            guard let e = holders[ip] else {
                remainingIPs.append(ip)
                continue
            }
            let fit = try candidates(ip, network: primary)
            if !fit.contains(e.az) {
                throw SchedulerError(.placement, .manifest, primary.path,
                    "Existing instance '\(e.name)' is using IP '\(ip)' in availability zone '\(e.az ?? "none")', which its subnet or instance group no longer has")
            }
            claimed.insert(e.id)
            placedPerAZ[e.az ?? "", default: 0] += 1
            slots.append(Slot(az: e.az, existing: e, staticIPs: [primary.name: ip]))
        }
        // The other addresses: reuse an unclaimed instance of a candidate AZ, else the emptiest candidate AZ.
        for ip in remainingIPs {
            let fit = try candidates(ip, network: primary)
            func load(_ az: String?) -> Int { placedPerAZ[az ?? "", default: 0] }
            let withSpare = fit.filter { az in existing.contains { $0.az == az && !claimed.contains($0.id) } }
            let pool = withSpare.isEmpty ? fit : withSpare
            let az = pool.min { load($0) < load($1) }!
            let reuse = existing.first { $0.az == az && !claimed.contains($0.id) }
            if let reuse { claimed.insert(reuse.id) }
            placedPerAZ[az ?? "", default: 0] += 1
            slots.append(Slot(az: az, existing: reuse, staticIPs: [primary.name: ip]))
        }
        // Secondary static networks: an address of a subnet serving the instance's AZ.
        for network in staticNetworks.dropFirst() {
            var free = network.ips
            for i in slots.indices {
                let keep = slots[i].existing?.addresses?[network.name]
                var choice = keep.flatMap { k in free.firstIndex(of: k) }
                if choice == nil {
                    for (j, ip) in free.enumerated() where try candidates(ip, network: network).contains(slots[i].az) {
                        choice = j
                        break
                    }
                }
                guard let j = choice else {
                    throw SchedulerError(.placement, .manifest, network.path,
                        "Failed to find a static IP for network '\(network.name)' in availability zone '\(slots[i].az ?? "none")' for instance group '\(group)'")
                }
                slots[i].staticIPs[network.name] = free.remove(at: j)
            }
        }
        let obsolete = existing.filter { !claimed.contains($0.id) }
        return Result(slots: slots, obsolete: obsolete)
    }
}
