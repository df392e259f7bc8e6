/// The instance a job is rendered for: what the director puts in the `spec` a template sees
/// (`spec.name`, `spec.id`, `spec.index`, `spec.az`, `spec.bootstrap`, `spec.address`, `spec.ip`,
/// `spec.networks`, `spec.deployment`, `spec.job`, `spec.persistent_disk`, `spec.dns_domain_name`).
public struct RenderInstance: Hashable, Sendable {
    /// The deployment name (`spec.deployment`).
    public var deployment: String
    /// The instance group name (`spec.name`).
    public var instanceGroup: String
    /// The instance id, a UUID in a director (`spec.id`).
    public var id: String
    /// The instance index (`spec.index`).
    public var index: Int
    /// The availability zone (`spec.az`).
    public var az: String?
    /// Whether this is the group's bootstrap instance (`spec.bootstrap`).
    public var bootstrap: Bool
    /// The instance's networks (`spec.networks`).
    public var networks: [RenderNetwork]
    /// The instance's address (`spec.address`); the default network's IP when `nil`.
    public var address: String?
    /// The persistent disk size in MiB, 0 for none (`spec.persistent_disk`).
    public var persistentDisk: Int
    /// The DNS root domain (`spec.dns_domain_name`).
    public var dnsDomainName: String

    /// Creates an instance description.
    public init(
        deployment: String, instanceGroup: String, id: String, index: Int, az: String? = nil,
        bootstrap: Bool? = nil, networks: [RenderNetwork] = [], address: String? = nil, persistentDisk: Int = 0,
        dnsDomainName: String = "bosh"
    ) {
        self.deployment = deployment
        self.instanceGroup = instanceGroup
        self.id = id
        self.index = index
        self.az = az
        self.bootstrap = bootstrap ?? (index == 0)
        self.networks = networks
        self.address = address
        self.persistentDisk = persistentDisk
        self.dnsDomainName = dnsDomainName
    }

    /// `spec.ip`: the IP of the network whose defaults include `addressable`, else of the first one whose
    /// defaults include `gateway` (a lone network has both defaults).
    public var ip: String? {
        var ip: String?
        for network in networks {
            let defaults = effectiveDefaults(network)
            if defaults.contains("addressable") || (ip == nil && defaults.contains("gateway")) { ip = network.ip }
        }
        return ip
    }

    private func effectiveDefaults(_ network: RenderNetwork) -> [String] {
        networks.count == 1 && network.defaults.isEmpty ? ["dns", "gateway"] : network.defaults
    }

    /// The director's template spec for one job of this instance, keys in the director's order.
    func templateSpec(
        job: String, jobs: [ReleaseJob], release: (name: String, version: String), properties: RenderValue,
        links: [String: RenderLink]
    ) -> RenderValue {
        let jobEntries: [RenderValue] = jobs.map {
            ["name": .string($0.record.name), "version": .string($0.record.version), "sha1": .string($0.record.sha1)]
        }
        var groupSpec: [(String, RenderValue)] = [("name", .string(instanceGroup)), ("templates", .array(jobEntries))]
        if let first = jobs.first {
            groupSpec += [("template", .string(first.record.name)), ("version", .string(first.record.version))]
        }
        let networkValues: [(String, RenderValue)] = networks.map { network in
            var value = network.value(defaults: effectiveDefaults(network))
            if case .object(var entries) = value {
                let record = [
                    String(index), Self.canonical(instanceGroup), Self.canonical(network.name),
                    Self.canonical(deployment),
                    dnsDomainName,
                ]
                entries.append(("dns_record_name", .string(record.joined(separator: "."))))
                value = .object(entries)
            }
            return (network.name, value)
        }
        let linkValues = links.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }
        return .object([
            ("deployment", .string(deployment)), ("job", .object(groupSpec)), ("index", .number(String(index))),
            ("bootstrap", .bool(bootstrap)), ("name", .string(instanceGroup)), ("id", .string(id)),
            ("az", .optional(az)), ("networks", .object(networkValues)), ("properties_need_filtering", true),
            ("dns_domain_name", .string(dnsDomainName)), ("address", .optional(address ?? ip)),
            ("persistent_disk", .number(String(persistentDisk))), ("properties", properties),
            ("links", .object(linkValues)), ("ip", .optional(ip)),
            ("release", ["name": .string(release.name), "version": .string(release.version)]),
        ])
    }

    /// The director's DNS label form: lower case, `_` → `-`, anything but `[a-z0-9-]` dropped.
    static func canonical(_ name: String) -> String {
        String(
            name.lowercased().replacingOccurrences(of: "_", with: "-").unicodeScalars.filter {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }.map(Character.init))
    }
}

/// One network of an instance, as `spec.networks.<name>` shows it.
public struct RenderNetwork: Hashable, Sendable {
    /// The network name.
    public var name: String
    /// `manual`, `dynamic` or `vip`.
    public var type: String
    /// The instance's IP on this network (dynamic networks default to `127.0.0.1` before the VM reports one).
    public var ip: String?
    /// The netmask.
    public var netmask: String?
    /// The gateway.
    public var gateway: String?
    /// DNS servers.
    public var dns: [String]
    /// Which defaults this network provides (`dns`, `gateway`, `addressable`).
    public var defaults: [String]
    /// The network's cloud properties.
    public var cloudProperties: RenderValue

    /// Creates a network.
    public init(
        name: String, type: String = "manual", ip: String? = nil, netmask: String? = nil, gateway: String? = nil,
        dns: [String] = [], defaults: [String] = [], cloudProperties: RenderValue = [:]
    ) {
        self.name = name
        self.type = type
        self.ip = ip
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
        self.defaults = defaults
        self.cloudProperties = cloudProperties
    }

    func value(defaults: [String]) -> RenderValue {
        let placeholder: String? = type == "dynamic" ? "127.0.0.1" : nil
        var entries: [(String, RenderValue)] = [
            ("type", .string(type)), ("ip", .optional(ip ?? placeholder)),
            ("netmask", .optional(netmask ?? placeholder)), ("cloud_properties", cloudProperties),
        ]
        if !defaults.isEmpty { entries.append(("default", .array(defaults.map { .string($0) }))) }
        if !dns.isEmpty { entries.append(("dns", .array(dns.map { .string($0) }))) }
        entries.append(("gateway", .optional(gateway ?? placeholder)))
        return .object(entries)
    }
}
