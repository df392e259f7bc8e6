/// What a VM needs to know about the subnet one of its addresses is on.
public struct SubnetDetails: Sendable, Hashable {
    /// The subnet's position in the network's `subnets` (for its cloud properties).
    public var index: Int
    /// The netmask, e.g. `255.255.255.0`.
    public var netmask: String
    /// The gateway, if the subnet has one.
    public var gateway: String?
    /// The subnet's name servers.
    public var dns: [String]
}

extension NetworkLayout {
    /// The subnet of `network` that contains `ip`, or `nil` when there is none.
    public func subnet(of network: String, containing ip: IPv4Address) -> SubnetDetails? {
        guard let subnet = networks[network]?.subnets.first(where: { $0.contains(ip) }) else { return nil }
        let size = UInt64(subnet.range.upperBound - subnet.range.lowerBound) + 1
        var bits = 0
        while (UInt64(1) << bits) < size { bits += 1 }
        let mask: UInt32 = bits >= 32 ? 0 : ~UInt32(0) << UInt32(bits)
        return SubnetDetails(index: subnet.index, netmask: IPv4Address(mask).description, gateway: subnet.gateway?.description, dns: subnet.dns)
    }

    /// Up to `count` addresses of `network` in `az` that the director may hand out dynamically (not restricted,
    /// not in the static pool, not in `used`), lowest first, as compilation VMs get theirs.
    public func dynamicAddresses(of network: String, az: String?, excluding used: Set<IPv4Address>, count: Int) -> [IPv4Address] {
        guard count > 0, let subnets = networks[network]?.subnets else { return [] }
        var found: [IPv4Address] = []
        for subnet in subnets where subnet.serves(az: az) {
            var value = subnet.range.lowerBound
            while value <= subnet.range.upperBound {
                let ip = IPv4Address(value)
                if !subnet.restricted.contains(ip), !subnet.staticPool.contains(ip), !used.contains(ip) {
                    found.append(ip)
                    if found.count == count { return found }
                }
                if value == UInt32.max { break }
                value += 1
            }
        }
        return found
    }
}
