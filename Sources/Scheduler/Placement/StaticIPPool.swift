/// The static IPs of one instance group's manual networks, each with the AZs it may serve, as the director
/// keeps them while it places the group (`placement_planner/networks_to_static_ips.rb`).
///
/// An address belongs to the first subnet whose `static` pool holds it; its candidate AZs are that subnet's
/// `azs` in the subnet's order, restricted to the group's AZs (`[nil]` when neither names AZs). Claiming an
/// address pins it to one AZ. Lookups are amortised O(1): a cursor per network, and per network and AZ (that
/// index and the one by address are built only when something asks).
struct StaticIPPool {
    struct Entry: Equatable {
        var ip: IPv4Address
        /// Candidate AZs; one once claimed or distributed.
        var azs: [String?]
        var claimed = false
        /// The address of an instance that goes away: out of every lookup and of the distribution.
        var removed = false
    }

    /// The group's networks with `static_ips`, in the group's order.
    let networks: [AZPlacement.StaticNetwork]
    private(set) var entries: [[Entry]]
    /// Built on first use (only existing instances look addresses up).
    private var positions: [[UInt32: Int]] = []
    private var cursor: [Int]
    private var byAZ: [[String?: [Int]]] = []
    private var azCursor: [[String?: Int]] = []
    let group: String

    /// - Throws: the director's error for an address in no subnet's `static` pool.
    init(networks: [AZPlacement.StaticNetwork], groupAZs: [String], layout: NetworkLayout, group: String) throws {
        self.networks = networks
        self.group = group
        let desired: Set<String?> = groupAZs.isEmpty ? [nil] : Set(groupAZs.map { Optional($0) })
        var entries: [[Entry]] = []
        for network in networks {
            let subnets = layout.networks[network.name]?.subnets ?? []
            // The candidate AZs of each subnet, computed once and shared by its addresses.
            var candidates: [[String?]?] = Array(repeating: nil, count: subnets.count)
            var list: [Entry] = []
            list.reserveCapacity(network.ips.count)
            var lastSubnet: Int?
            for ip in network.ips {
                // Static IPs usually run through one subnet: try the previous one first.
                let index = lastSubnet.flatMap { subnets[$0].staticPool.contains(ip) ? $0 : nil }
                    ?? subnets.firstIndex { $0.staticPool.contains(ip) }
                guard let index else {
                    throw SchedulerError(.ipAllocation, .manifest, network.path,
                        "Instance group '\(group)' with network '\(network.name)' declares static ip '\(ip.cidrDescription)', which belongs to no subnet")
                }
                lastSubnet = index
                if candidates[index] == nil {
                    var azs: [String?] = []
                    for az in subnets[index].azs.isEmpty ? [nil] : subnets[index].azs.map(Optional.init)
                    where desired.contains(az) && !azs.contains(az) {
                        azs.append(az)
                    }
                    candidates[index] = azs
                }
                list.append(Entry(ip: ip, azs: candidates[index]!))
            }
            entries.append(list)
        }
        self.entries = entries
        cursor = Array(repeating: 0, count: networks.count)
    }

    /// The director's checks that the group and its addresses' subnets agree on AZs.
    func validate(groupAZs: [String]) throws {
        for (n, network) in networks.enumerated() {
            for entry in entries[n] {
                if groupAZs.isEmpty && !entry.azs.contains(nil) {
                    throw SchedulerError(.placement, .manifest, network.path,
                        "Instance group '\(group)' subnets declare availability zones and the instance group does not")
                }
            }
        }
        guard !groupAZs.isEmpty else { return }
        for (n, network) in networks.enumerated() {
            if let entry = entries[n].first(where: { $0.azs.isEmpty }) {
                throw SchedulerError(.placement, .manifest, network.path,
                    "Instance group '\(group)' declares static ip '\(entry.ip.cidrDescription)' which does not belong to any of the instance group's availability zones.")
            }
        }
    }

    /// The unclaimed entry of network `n` holding `ip`.
    mutating func entry(_ n: Int, holding ip: IPv4Address) -> Int? {
        if positions.isEmpty {
            positions = entries.map { list in
                var position: [UInt32: Int] = [:]
                position.reserveCapacity(list.count)
                for (i, e) in list.enumerated() { position[e.ip.value] = i }
                return position
            }
        }
        guard let i = positions[n][ip.value], !entries[n][i].claimed, !entries[n][i].removed else { return nil }
        return i
    }

    /// The first unclaimed entry of network `n`.
    mutating func first(_ n: Int) -> Int? {
        while cursor[n] < entries[n].count, !isFree(n, cursor[n]) { cursor[n] += 1 }
        return cursor[n] < entries[n].count ? cursor[n] : nil
    }

    /// The first unclaimed entry of network `n` that may serve `az`.
    mutating func first(_ n: Int, az: String?) -> Int? {
        if byAZ.isEmpty { rebuildAZIndex() }
        guard let list = byAZ[n][az] else { return nil }
        var c = azCursor[n][az] ?? 0
        while c < list.count, !isFree(n, list[c]) { c += 1 }
        azCursor[n][az] = c
        return c < list.count ? list[c] : nil
    }

    /// Pins entry `i` of network `n` to `az` and takes it out of the lookups.
    mutating func claim(_ n: Int, _ i: Int, az: String?) {
        entries[n][i].claimed = true
        entries[n][i].azs = [az]
    }

    mutating func remove(_ n: Int, _ i: Int) { entries[n][i].removed = true }

    /// Gives every address with several candidate AZs exactly one (the director's `distribute_evenly_per_zone`).
    /// - Throws: the director's error when the networks cannot be given the same spread over the AZs.
    mutating func distribute() throws {
        if entries.count == 1 && entries[0].allSatisfy({ $0.azs.count <= 1 }) { return }  // nothing to choose
        let kept = entries.map { list in list.indices.filter { !list[$0].removed } }
        let lists = kept.enumerated().map { n, indices in indices.map { entries[n][$0].azs } }
        let result: [[[String?]]]?
        if lists.count == 1 {
            result = [StaticIPDistribution.greedy(lists[0])]
        } else {
            result = StaticIPDistribution.search(lists)
        }
        guard let result else {
            throw SchedulerError(.placement, .manifest, networks[0].path,
                "Failed to evenly distribute static IPs between zones for instance group '\(group)'")
        }
        for (n, indices) in kept.enumerated() {
            for (k, i) in indices.enumerated() { entries[n][i].azs = result[n][k] }
        }
        byAZ = []  // rebuilt on next use
    }

    private func isFree(_ n: Int, _ i: Int) -> Bool { !entries[n][i].claimed && !entries[n][i].removed }

    private mutating func rebuildAZIndex() {
        byAZ = entries.map { list in
            var index: [String?: [Int]] = [:]
            for (i, e) in list.enumerated() where !e.claimed && !e.removed {
                for az in e.azs { index[az, default: []].append(i) }
            }
            return index
        }
        azCursor = Array(repeating: [:], count: entries.count)
    }
}

extension IPv4Address {
    /// `10.0.0.1/32`: how the director prints a single address in its messages.
    var cidrDescription: String { "\(self)/32" }
}
