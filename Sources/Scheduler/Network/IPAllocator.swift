/// Hands out addresses of one deployment plan, as the director's IP provider does.
///
/// Requested addresses (`static_ips`, addresses existing instances keep) are reserved first; dynamic
/// addresses are then the lowest free address of the first subnet serving the instance's AZ that is not
/// restricted, not in the static pool and not used by anyone (this or another deployment).
struct IPAllocator {
    let layout: NetworkLayout
    /// Addresses in use per network, with who holds them (for conflict messages).
    private var holders: [String: [UInt32: String]] = [:]
    /// Per network and subnet: every address below the cursor is taken or never allocatable.
    private var cursors: [String: [UInt32]] = [:]

    init(layout: NetworkLayout, usedElsewhere: [String: [IPv4Address]] = [:]) {
        self.layout = layout
        for (network, ips) in usedElsewhere {
            for ip in ips { holders[network, default: [:]][ip.value] = "another deployment" }
        }
    }

    /// The subnet of `network` containing `ip`.
    func subnet(of ip: IPv4Address, in network: String) -> NetworkLayout.Subnet? {
        layout.networks[network]?.subnets.first { $0.contains(ip) }
    }

    func holder(of ip: IPv4Address, in network: String) -> String? { holders[network]?[ip.value] }

    /// Who holds a dynamically allocated address (never named in messages: requested addresses are
    /// reserved before any dynamic allocation).
    private static let dynamicOwner = "a dynamically allocated instance"

    /// Marks an address as taken without checks (instances being deleted).
    mutating func markUsed(_ ip: IPv4Address, in network: String, by owner: String) {
        if holders[network]?[ip.value] == nil { holders[network, default: [:]][ip.value] = owner }
    }

    /// Reserves a requested address for `owner`.
    /// - Throws: when the address lies in no subnet, is restricted, or is held by someone else.
    mutating func reserve(_ ip: IPv4Address, in network: String, for owner: String, path: @autoclosure () -> String) throws {
        let kind = layout.networks[network]?.kind
        if kind == .manual {
            guard let subnet = subnet(of: ip, in: network) else {
                throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP '\(ip)' for '\(owner)': IP does not belong to any subnet of network '\(network)'")
            }
            if subnet.restricted.contains(ip) {
                throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP '\(ip)' for '\(owner)': IP belongs to the reserved range of network '\(network)'")
            }
        }
        if let other = holders[network]?[ip.value], other != owner {
            throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP '\(ip)' for '\(owner)': already reserved by '\(other)' on network '\(network)'")
        }
        holders[network, default: [:]][ip.value] = owner
    }

    /// Picks the first free dynamic address of `network` for an instance in `az`.
    /// - Throws: when every subnet serving `az` is exhausted, naming the network and the AZ.
    mutating func allocateDynamic(
        in network: String, az: String?, for owner: @autoclosure () -> String, path: @autoclosure () -> String
    ) throws -> IPv4Address {
        guard let net = layout.networks[network] else {
            throw SchedulerError(.unknownReference, .manifest, path(), "Network '\(network)' is not defined in the cloud config")
        }
        if net.kind == .vip {
            // Globally allocated VIPs: first unused address of the subnets' static pools.
            for subnet in net.subnets where subnet.serves(az: az) {
                for ip in subnet.staticPool.addresses where holders[network]?[ip.value] == nil {
                    holders[network, default: [:]][ip.value] = Self.dynamicOwner
                    return ip
                }
            }
            throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP for '\(owner())' for vip network '\(network)': no more available (give it 'static_ips' or a 'static' pool in the cloud config)")
        }
        var cursor = cursors.removeValue(forKey: network) ?? net.subnets.map(\.range.lowerBound)
        var taken = holders.removeValue(forKey: network) ?? [:]
        defer {
            cursors[network] = cursor
            holders[network] = taken
        }
        var served = false
        for subnet in net.subnets where subnet.serves(az: az) {
            served = true
            var v = cursor[subnet.index]
            while v <= subnet.range.upperBound {
                let ip = IPv4Address(v)
                if let r = subnet.restricted.range(containing: ip) ?? subnet.staticPool.range(containing: ip) {
                    if r.upperBound == UInt32.max { break }
                    v = r.upperBound + 1
                    continue
                }
                if taken[v] != nil {
                    if v == UInt32.max { break }
                    v += 1
                    continue
                }
                taken[v] = Self.dynamicOwner
                cursor[subnet.index] = v == UInt32.max ? v : v + 1
                return ip
            }
            cursor[subnet.index] = v
        }
        let where_ = az.map { " in availability zone '\($0)'" } ?? ""
        if !served {
            throw SchedulerError(.ipAllocation, .manifest, path(), "Network '\(network)' has no subnet\(where_) for '\(owner())'")
        }
        throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP for '\(owner())' for manual network '\(network)'\(where_): no more available")
    }
}
