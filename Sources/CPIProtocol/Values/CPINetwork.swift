/// One entry of the `networks` hash passed to `create_vm` and echoed in its v2 result.
///
/// The common keys are typed; anything else (`prefix`, `alias`, `routes`, `dns_record_name` …) is kept in
/// ``otherProperties`` so a network encodes back to what was decoded.
public struct CPINetwork: Sendable, Hashable {
    /// `type`: `manual`, `dynamic` or `vip`.
    public var type: String?
    /// `ip`.
    public var ip: String?
    /// `netmask`.
    public var netmask: String?
    /// `gateway`.
    public var gateway: String?
    /// `dns`: name servers.
    public var dns: [String]?
    /// `default`: what this network is the default for (`dns`, `gateway`).
    public var `default`: [String]?
    /// `mac`.
    public var mac: String?
    /// `cloud_properties`: open-ended, IaaS specific.
    public var cloudProperties: [String: JSONValue]?
    /// Every other key, as sent.
    public var otherProperties: [String: JSONValue]

    /// Creates a network.
    public init(
        type: String? = nil, ip: String? = nil, netmask: String? = nil, gateway: String? = nil, dns: [String]? = nil,
        default: [String]? = nil, mac: String? = nil, cloudProperties: [String: JSONValue]? = nil,
        otherProperties: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.ip = ip
        self.netmask = netmask
        self.gateway = gateway
        self.dns = dns
        self.default = `default`
        self.mac = mac
        self.cloudProperties = cloudProperties
        self.otherProperties = otherProperties
    }

    /// Decodes a network from its JSON object.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` when a typed key has the wrong type.
    public init(json: JSONValue, name: String) throws(CPIError) {
        guard var members = json.objectValue else {
            throw .cpiError(message: "Network '\(name)' must be an object, got \(json.kindDescription)")
        }
        func take<T>(_ key: String, _ what: String, _ convert: (JSONValue) -> T?) throws(CPIError) -> T? {
            guard let value = members[key] else { return nil }
            guard let converted = convert(value) else {
                throw .cpiError(message: "Network '\(name)': '\(key)' must be \(what), got \(value.kindDescription)")
            }
            members[key] = nil
            return converted
        }
        func strings(_ value: JSONValue) -> [String]? {
            guard let array = value.arrayValue else { return nil }
            let strings = array.compactMap(\.stringValue)
            return strings.count == array.count ? strings : nil
        }
        type = try take("type", "a string", \.stringValue)
        ip = try take("ip", "a string", \.stringValue)
        netmask = try take("netmask", "a string", \.stringValue)
        gateway = try take("gateway", "a string", \.stringValue)
        dns = try take("dns", "an array of strings", strings)
        `default` = try take("default", "an array of strings", strings)
        mac = try take("mac", "a string", \.stringValue)
        cloudProperties = try take("cloud_properties", "an object", \.objectValue)
        otherProperties = members
    }

    /// The network as its JSON object.
    public var json: JSONValue {
        var members = otherProperties
        if let type { members["type"] = .string(type) }
        if let ip { members["ip"] = .string(ip) }
        if let netmask { members["netmask"] = .string(netmask) }
        if let gateway { members["gateway"] = .string(gateway) }
        if let dns { members["dns"] = dns.json }
        if let `default` { members["default"] = `default`.json }
        if let mac { members["mac"] = .string(mac) }
        if let cloudProperties { members["cloud_properties"] = .object(cloudProperties) }
        return .object(members)
    }

    /// Decodes a `networks` hash.
    static func decodeNetworks(_ json: JSONValue, what: String) throws(CPIError) -> [String: CPINetwork] {
        guard let object = json.objectValue else {
            throw .cpiError(message: "\(what) must be an object of networks, got \(json.kindDescription)")
        }
        var networks: [String: CPINetwork] = [:]
        for (name, value) in object { networks[name] = try CPINetwork(json: value, name: name) }
        return networks
    }

    /// Encodes a `networks` hash.
    static func encodeNetworks(_ networks: [String: CPINetwork]) -> JSONValue {
        .object(networks.mapValues(\.json))
    }
}
