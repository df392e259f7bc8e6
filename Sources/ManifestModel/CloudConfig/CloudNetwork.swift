import BoshYAML

/// A network of a cloud config (or of a legacy v1 manifest): `manual` (the default), `dynamic` or `vip`.
public struct CloudNetwork: ManifestObject {
    /// The network's name.
    public var name = ""
    /// `manual`, `dynamic` or `vip`; `nil` means manual.
    public var type: String?
    /// Subnets (manual networks; dynamic networks may have them too).
    public var subnets: [Subnet]?
    /// IaaS settings of a dynamic network without subnets.
    public var cloudProperties: YAMLNode?
    /// DNS servers of a dynamic network without subnets.
    public var dns: Interpolated<[String]>?
    public var extra = ExtraKeys()

    public init() {}

    /// The network type, `manual` when unset.
    public var kind: String { type ?? "manual" }

    public static let fields: [ManifestField<CloudNetwork>] = [
        .required("name", \.name), .optional("type", \.type), .optional("subnets", \.subnets),
        .optional("cloud_properties", \.cloudProperties), .optional("dns", \.dns),
    ]

    public static func check(_ value: CloudNetwork, _ d: NodeDecoder) {
        switch value.kind {
        case "manual":
            if value.subnets == nil && d.child("subnets") == nil { d.problem("a manual network needs 'subnets'") }
        case "dynamic", "vip":
            break
        default:
            d.child("type")?.problem("unknown network type '\(value.kind)' (expected manual, dynamic or vip)")
        }
    }
}

/// A subnet of a network.
public struct Subnet: ManifestObject {
    /// The CIDR range (`10.0.0.0/24`).
    public var range: String?
    /// The gateway address.
    public var gateway: String?
    /// Addresses or ranges (`10.0.0.1-10.0.0.10`) the director never hands out.
    public var reserved: Interpolated<[String]>?
    /// Addresses or ranges usable as static IPs.
    public var `static`: Interpolated<[String]>?
    /// DNS servers.
    public var dns: Interpolated<[String]>?
    /// The subnet's AZ.
    public var az: String?
    /// The subnet's AZs.
    public var azs: [String]?
    /// A name (for vip networks).
    public var name: String?
    /// IaaS settings (open-ended).
    public var cloudProperties: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    /// The subnet's AZs, from `az` or `azs`.
    public var allAZs: [String] { azs ?? az.map { [$0] } ?? [] }

    public static let fields: [ManifestField<Subnet>] = [
        .optional("name", \.name), .optional("range", \.range), .optional("gateway", \.gateway),
        .optional("reserved", \.reserved), .optional("static", \.static), .optional("dns", \.dns), .optional("az", \.az),
        .optional("azs", \.azs), .optional("cloud_properties", \.cloudProperties),
    ]

    public static func check(_ value: Subnet, _ d: NodeDecoder) {
        if value.az != nil && value.azs != nil { d.problem("a subnet takes 'az' or 'azs', not both") }
    }
}
