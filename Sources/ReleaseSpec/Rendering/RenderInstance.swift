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
    /// The deployment's `features.use_dns_addresses`: `spec.address` is the instance's DNS name rather than
    /// its IP (a dynamic network's address is its DNS name either way, as in the director).
    public var usesDNSAddresses: Bool
    /// The director's DNS numbering (AZ and group ids) that `link(...).address` and `.bosh/links.json` use.
    public var dns: RenderDNS

    /// Creates an instance description.
    public init(
        deployment: String, instanceGroup: String, id: String, index: Int, az: String? = nil,
        bootstrap: Bool? = nil, networks: [RenderNetwork] = [], address: String? = nil, persistentDisk: Int = 0,
        dnsDomainName: String = "bosh", usesDNSAddresses: Bool = false, dns: RenderDNS = RenderDNS()
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
        self.usesDNSAddresses = usesDNSAddresses
        self.dns = dns
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

    /// `spec.address`: the given ``address``, else, on the network whose defaults include `addressable` (or
    /// else `gateway`), the instance's DNS name (`<id>.<group>.<network>.<deployment>.<domain>`) when the
    /// network is dynamic or ``usesDNSAddresses`` is set, else its IP.
    public var resolvedAddress: String? {
        if let address { return address }
        let addressable = networks.first { effectiveDefaults($0).contains("addressable") }
        guard let network = addressable ?? networks.first(where: { effectiveDefaults($0).contains("gateway") })
        else { return nil }
        guard network.type == "dynamic" || usesDNSAddresses else { return network.ip }
        return [id, Self.canonical(instanceGroup), Self.canonical(network.name), Self.canonical(deployment), dnsDomainName]
            .joined(separator: ".")
    }

    private func effectiveDefaults(_ network: RenderNetwork) -> [String] {
        networks.count == 1 && network.defaults.isEmpty && network.type != "vip"
            ? ["dns", "gateway"] : network.defaults.sorted()
    }

    /// The director's template spec for one job of this instance, keys in the director's order.
    func templateSpec(
        job: String, jobs: [JobRenderInput], release: (name: String, version: String), properties: RenderValue,
        links: [String: RenderLink]
    ) -> RenderValue {
        let jobEntries: [RenderValue] = jobs.map { input in
            let record = input.job.record
            return [
                "name": .string(record.name), "version": .string(record.version), "sha1": .string(record.sha1),
                "blobstore_id": .optional(input.blobstoreID),
                "logs": input.job.spec.logs.map(RenderValue.init) ?? [],
            ]
        }
        var groupSpec: [(String, RenderValue)] = [("name", .string(instanceGroup)), ("templates", .array(jobEntries))]
        if let first = jobs.first {
            groupSpec += [("template", .string(first.job.record.name)), ("version", .string(first.job.record.version))]
        }
        let networkValues: [(String, RenderValue)] = networks.map { network in
            let record = [
                String(index), Self.canonical(instanceGroup), Self.canonical(network.name), Self.canonical(deployment),
                dnsDomainName,
            ]
            return (
                network.name,
                network.value(defaults: effectiveDefaults(network), dnsRecordName: record.joined(separator: "."))
            )
        }
        let linkValues = links.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }
        return .object([
            ("deployment", .string(deployment)), ("job", .object(groupSpec)), ("index", .number(String(index))),
            ("bootstrap", .bool(bootstrap)), ("name", .string(instanceGroup)), ("id", .string(id)),
            ("az", .optional(az)), ("networks", .object(networkValues)), ("properties_need_filtering", true),
            ("dns_domain_name", .string(dnsDomainName)), ("address", .optional(resolvedAddress)),
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
    /// The prefix length the director reports (`spec.networks.<name>.prefix`); `nil`: 32, or 128 for an
    /// IPv6 address.
    public var prefix: String?

    /// Creates a network.
    public init(
        name: String, type: String = "manual", ip: String? = nil, netmask: String? = nil, gateway: String? = nil,
        dns: [String] = [], defaults: [String] = [], cloudProperties: RenderValue = [:], prefix: String? = nil
    ) {
        self.name = name
        self.type = type
        self.ip = ip
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
        self.defaults = defaults
        self.cloudProperties = cloudProperties
        self.prefix = prefix
    }

    /// The network's settings as the director writes them for each network type, then `dns_record_name`
    /// (a dynamic network's unknown IP, netmask and gateway come last, as `127.0.0.1`).
    func value(defaults: [String], dnsRecordName: String) -> RenderValue {
        let prefix = RenderValue.string(self.prefix ?? ((ip ?? "").contains(":") ? "128" : "32"))
        var entries: [(String, RenderValue)]
        switch type {
        case "dynamic":
            entries = [("type", .string(type)), ("cloud_properties", cloudProperties), ("prefix", prefix)]
            if !dns.isEmpty { entries.append(("dns", .array(dns.map { .string($0) }))) }
            if !defaults.isEmpty { entries.append(("default", .array(defaults.map { .string($0) }))) }
            let known: [(String, String?)] = [("ip", ip), ("netmask", netmask), ("gateway", gateway)]
            entries += known.compactMap { key, value in value.map { (key, .string($0)) } }
            entries.append(("dns_record_name", .string(dnsRecordName)))
            entries += known.filter { $0.1 == nil }.map { ($0.0, "127.0.0.1") }
        case "vip":
            entries = [
                ("type", .string(type)), ("ip", .optional(ip)), ("cloud_properties", cloudProperties), ("prefix", prefix),
                ("dns_record_name", .string(dnsRecordName)),
            ]
        default:
            entries = [
                ("type", .string(type)), ("ip", .optional(ip)), ("prefix", prefix), ("netmask", .optional(netmask)),
                ("cloud_properties", cloudProperties),
            ]
            if !defaults.isEmpty { entries.append(("default", .array(defaults.map { .string($0) }))) }
            if !dns.isEmpty { entries.append(("dns", .array(dns.map { .string($0) }))) }
            if let gateway { entries.append(("gateway", .string(gateway))) }
            entries.append(("dns_record_name", .string(dnsRecordName)))
        }
        return .object(entries)
    }
}

/// The director's DNS numbering for one deployment, as a fresh director assigns it: AZs numbered from 1 in
/// the cloud config's order; instance groups from 1 in the manifest's order, then every provided link
/// (`<link name>-<type>`) in instance group, job and `provides` order. `link(...).address(azs: [...])` and
/// `.bosh/links.json` use these numbers; a director that has seen other deployments numbers differently.
public struct RenderDNS: Hashable, Sendable {
    /// AZ ids by AZ name.
    public var azs: [String: Int]
    /// Group ids by `<type>/<name>/<deployment>` (`instance-group` or `link`).
    public var groups: [String: Int]

    /// Creates a numbering.
    public init(azs: [String: Int] = [:], groups: [String: Int] = [:]) {
        self.azs = azs
        self.groups = groups
    }

    /// The id of a DNS group: `type` is `instance-group` or `link`.
    public func groupID(type: String, name: String, deployment: String) -> Int? {
        groups["\(type)/\(name)/\(deployment)"]
    }

    var value: RenderValue {
        let azValues = azs.sorted { $0.key < $1.key }.map { ($0.key, RenderValue.number(String($0.value))) }
        let groupValues = groups.sorted { $0.key < $1.key }.map { ($0.key, RenderValue.number(String($0.value))) }
        return ["azs": .object(azValues), "groups": .object(groupValues)]
    }
}
