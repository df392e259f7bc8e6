import ManifestModel

/// The cloud config's networks, checked and compiled for address planning: every subnet's range, the
/// addresses the director never hands out, its static pool and its AZs.
///
/// Built once per plan; errors point at the cloud-config path of the offending subnet.
public struct NetworkLayout: Sendable {
    /// How a network gets its addresses.
    public enum Kind: String, Sendable, Codable {
        /// Subnets with ranges; the director chooses every address.
        case manual
        /// The IaaS assigns addresses (DHCP); nothing to plan.
        case dynamic
        /// Public addresses given by the manifest (or a `static` pool for globally allocated VIPs).
        case vip
    }

    struct Network: Sendable {
        var name: String
        var kind: Kind
        var subnets: [Subnet]
    }

    struct Subnet: Sendable {
        var index: Int
        var range: ClosedRange<UInt32>
        var gateway: IPv4Address?
        /// Gateway, network id, broadcast and `reserved`: never handed out.
        var restricted: AddressSet
        /// The `static` pool: handed out only when asked for by `static_ips`.
        var staticPool: AddressSet
        var azs: [String]
        var dns: [String]

        func contains(_ ip: IPv4Address) -> Bool { range.contains(ip.value) }
        func serves(az: String?) -> Bool { az.map { azs.contains($0) } ?? true }
    }

    let networks: [String: Network]
    /// Network names in cloud-config order.
    public let names: [String]

    /// Compiles the networks of `cloudConfig`.
    /// - Throws: ``SchedulerError`` (``SchedulerError/Kind/invalidNetwork``) for a range that does not parse,
    ///   a gateway outside its range, reserved or static addresses outside the range, a static address in the
    ///   reserved range, overlapping subnets, or placeholders that were never interpolated.
    public init(cloudConfig: CloudConfig) throws {
        var networks: [String: Network] = [:]
        var names: [String] = []
        for network in cloudConfig.networks ?? [] {
            let kind = Kind(rawValue: network.kind) ?? .manual
            var subnets: [Subnet] = []
            for (i, subnet) in (network.subnets ?? []).enumerated() {
                subnets.append(try Self.compile(subnet, index: i, network: network.name, kind: kind))
            }
            if kind == .manual { try Self.checkOverlap(subnets, network: network.name) }
            networks[network.name] = Network(name: network.name, kind: kind, subnets: subnets)
            names.append(network.name)
        }
        self.networks = networks
        self.names = names
    }

    /// The kind of the network called `name`, or `nil` if the cloud config has no such network.
    public func kind(of name: String) -> Kind? { networks[name]?.kind }

    private static func compile(_ subnet: ManifestModel.Subnet, index: Int, network: String, kind: Kind) throws -> Subnet {
        let path = Paths.subnet(network, index)
        func fail(_ key: String, _ message: String) -> SchedulerError {
            SchedulerError(.invalidNetwork, .cloudConfig, key.isEmpty ? path : "\(path)/\(key)", message)
        }
        func list(_ key: String, _ value: Interpolated<[String]>?) throws -> [String] {
            switch value {
            case nil: return []
            case .value(let items)?: return items
            case .variable(let name)?:
                throw fail(key, "'((\(name)))' was never interpolated; pass the variable (-v \(name)=…)")
            }
        }
        let dns = try list("dns", subnet.dns)
        let azs = subnet.allAZs
        if kind == .vip || (kind == .dynamic && subnet.range == nil) {
            var pool = AddressSet()
            for entry in try list("static", subnet.static) {
                guard let r = AddressListParser.parse(entry) else { throw fail("static", "Invalid static IP '\(entry)' in network '\(network)'") }
                pool.insert(r)
            }
            let span = pool.ranges.first.map { $0.lowerBound...(pool.ranges.last?.upperBound ?? $0.upperBound) } ?? 0...0
            return Subnet(index: index, range: span, gateway: nil, restricted: AddressSet(), staticPool: pool, azs: azs, dns: dns)
        }
        guard let text = subnet.range else { throw fail("", "Network '\(network)' has a subnet without 'range'") }
        if text.hasPrefix("((") { throw fail("range", "'\(text)' was never interpolated; pass the variable") }
        guard let cidr = CIDR(text), cidr.count >= 2 else {
            throw fail("range", "Invalid network range '\(text)' in network '\(network)': expected a CIDR block of at least 2 addresses such as 10.0.0.0/24")
        }
        var restricted = AddressSet([cidr.first.value...cidr.first.value, cidr.last.value...cidr.last.value])
        var gateway: IPv4Address?
        if let g = subnet.gateway {
            guard let address = IPv4Address(g.trimmed) else {
                throw fail("gateway", "Invalid gateway '\(g)' for network '\(network)': must be a single IP")
            }
            guard cidr.range.contains(address) else {
                throw fail("gateway", "Invalid gateway '\(g)' for network '\(network)': it is outside range \(text)")
            }
            guard address != cidr.first, address != cidr.last else {
                throw fail("gateway", "Invalid gateway '\(g)' for network '\(network)': it is the network id or broadcast address of \(text)")
            }
            restricted.insert(address)
            gateway = address
        } else {
            throw fail("", "Network '\(network)' must have a 'gateway' in each subnet")
        }
        for entry in try list("reserved", subnet.reserved) {
            guard let r = AddressListParser.parse(entry) else { throw fail("reserved", "Invalid reserved IP '\(entry)' in network '\(network)'") }
            guard r.lowerBound >= cidr.first.value, r.upperBound <= cidr.last.value else {
                throw fail("reserved", "Reserved IP '\(entry)' is out of network '\(network)' range \(text)")
            }
            restricted.insert(r)
        }
        var pool = AddressSet()
        for entry in try list("static", subnet.static) {
            guard let r = AddressListParser.parse(entry) else { throw fail("static", "Invalid static IP '\(entry)' in network '\(network)'") }
            guard r.lowerBound >= cidr.first.value, r.upperBound <= cidr.last.value else {
                throw fail("static", "Static IP '\(entry)' is out of network '\(network)' range \(text)")
            }
            for reserved in restricted.ranges where reserved.overlaps(r) {
                throw fail("static", "Static IP '\(IPv4Address(max(reserved.lowerBound, r.lowerBound)))' is in network '\(network)' reserved range")
            }
            pool.insert(r)
        }
        return Subnet(
            index: index, range: cidr.first.value...cidr.last.value, gateway: gateway, restricted: restricted,
            staticPool: pool, azs: azs, dns: dns)
    }

    private static func checkOverlap(_ subnets: [Subnet], network: String) throws {
        let sorted = subnets.sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.range.upperBound >= b.range.lowerBound {
            throw SchedulerError(
                .invalidNetwork, .cloudConfig, Paths.subnet(network, max(a.index, b.index)) + "/range",
                "Network '\(network)' has overlapping subnets (subnets \(min(a.index, b.index)) and \(max(a.index, b.index)))")
        }
    }
}
