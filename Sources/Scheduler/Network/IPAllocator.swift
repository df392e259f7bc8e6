/// Hands out addresses of one deployment plan, as the director's IP provider does.
///
/// Requested addresses (`static_ips`, addresses existing instances keep) are reserved first; dynamic
/// addresses are then the lowest free address of the first subnet serving the instance's AZ that is not
/// restricted, not in the static pool and not used by anyone (this or another deployment), handed out in the
/// order the planner asks for them (the director's instance plan order, ``ReservationOrder``). Refusals are
/// the director's sentences, addresses printed as `A/32`.
struct IPAllocator {
    let layout: NetworkLayout
    /// Addresses in use per network, with who holds them (for conflict messages).
    private var holders: [String: [UInt32: String]] = [:]
    /// Per network and subnet: every address below the cursor is taken or never allocatable.
    private var cursors: [String: [UInt32]] = [:]

    /// The deployment being planned (named in conflict messages).
    let deployment: String
    /// Who holds addresses of other deployments.
    private static let otherDeployment = "\u{0}another deployment"

    init(layout: NetworkLayout, deployment: String = "", usedElsewhere: [String: [IPv4Address]] = [:]) {
        self.layout = layout
        self.deployment = deployment
        for (network, ips) in usedElsewhere {
            for ip in ips { holders[network, default: [:]][ip.value] = Self.otherDeployment }
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

    /// Reserves a requested address for the instance `owner` (the director's `group/uuid (index)`), held under
    /// `name` (`group/uuid`).
    /// - Throws: the director's errors when the address lies in no subnet, is restricted, or is held by
    ///   someone else.
    mutating func reserve(
        _ ip: IPv4Address, in network: String, for owner: @autoclosure () -> String, name: String,
        path: @autoclosure () -> String
    ) throws {
        let kind = layout.networks[network]?.kind
        if kind == .manual {
            guard let subnet = subnet(of: ip, in: network) else {
                throw SchedulerError(.ipAllocation, .manifest, path(), "Provided static IP '\(ip.cidrDescription)' does not belong to any subnet in network '\(network)'")
            }
            if subnet.restricted.contains(ip) {
                throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP '\(ip.cidrDescription)' for network '\(network)': IP belongs to reserved range")
            }
        }
        if let other = holders[network]?[ip.value], other != name {
            let by = other == Self.otherDeployment ? "another deployment" : "instance '\(other)' from deployment '\(deployment)'"
            throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP '\(ip.cidrDescription)' for instance '\(owner())': already reserved by \(by)")
        }
        holders[network, default: [:]][ip.value] = name
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
        // The director's sentence, then the AZ it looked in (it says the same when no subnet serves the AZ).
        let context = az.map { served ? " (availability zone '\($0)')" : " (no subnet of the network serves availability zone '\($0)')" } ?? ""
        throw SchedulerError(.ipAllocation, .manifest, path(), "Failed to reserve IP for '\(owner())' for manual network '\(network)': no more available\(context)")
    }
}
