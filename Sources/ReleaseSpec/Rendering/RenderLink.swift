/// A resolved link as a consuming template sees it through `link('name')`: the provider's instances, the
/// properties the provider exposes, and the link's address.
///
/// ReleaseSpec does not resolve links; a caller (the Scheduler, or a test) fills this in from the deployment.
public struct RenderLink: Hashable, Sendable {
    /// The provider's instances (`link('db').instances`).
    public var instances: [RenderLinkInstance]
    /// The properties the provider's `provides:` entry exposes, bound like job properties (`link('db').p`).
    public var properties: RenderValue
    /// What `link('db').address` returns (a DNS query name or a manual link's address); `nil` makes
    /// `address` fail with "link.address requires bosh director", as it does outside a director.
    public var address: String?
    /// The providing instance group (`instance_group` in the director's link spec).
    public var instanceGroup: String?
    /// The providing deployment.
    public var deploymentName: String?
    /// The provider's default network name.
    public var defaultNetwork: String?
    /// The DNS root domain (`bosh`).
    public var domain: String?

    /// Creates a link.
    public init(
        instances: [RenderLinkInstance], properties: RenderValue = [:], address: String? = nil,
        instanceGroup: String? = nil, deploymentName: String? = nil, defaultNetwork: String? = nil,
        domain: String? = nil
    ) {
        self.instances = instances
        self.properties = properties
        self.address = address
        self.instanceGroup = instanceGroup
        self.deploymentName = deploymentName
        self.defaultNetwork = defaultNetwork
        self.domain = domain
    }

    /// The director's link spec for this link (the keys its template spec keeps).
    var value: RenderValue {
        var entries: [(String, RenderValue)] = []
        if let address { entries.append(("address", .string(address))) }
        if let defaultNetwork { entries.append(("default_network", .string(defaultNetwork))) }
        if let deploymentName { entries.append(("deployment_name", .string(deploymentName))) }
        if let domain { entries.append(("domain", .string(domain))) }
        if let instanceGroup { entries.append(("instance_group", .string(instanceGroup))) }
        entries.append(("instances", .array(instances.map(\.value))))
        entries.append(("properties", properties))
        return .object(entries)
    }
}

/// One instance of a link's provider (`link('db').instances[0]`).
public struct RenderLinkInstance: Hashable, Sendable {
    /// The provider's instance group name.
    public var name: String
    /// The instance's id (a UUID in a director).
    public var id: String
    /// The instance's index in its group.
    public var index: Int
    /// The instance's availability zone.
    public var az: String?
    /// The instance's address (an IP or DNS name).
    public var address: String
    /// Whether this is its group's bootstrap instance.
    public var bootstrap: Bool

    /// Creates a link instance.
    public init(name: String, id: String, index: Int, az: String? = nil, address: String, bootstrap: Bool = false) {
        self.name = name
        self.id = id
        self.index = index
        self.az = az
        self.address = address
        self.bootstrap = bootstrap
    }

    var value: RenderValue {
        [
            "name": .string(name), "id": .string(id), "index": .number(String(index)), "bootstrap": .bool(bootstrap),
            "az": .optional(az), "address": .string(address),
        ]
    }
}
