import BoshYAML

/// An entry of an instance group's `networks:`.
public struct InstanceGroupNetwork: ManifestObject {
    /// The cloud-config network name.
    public var name = ""
    /// Static IPs for the group's instances on this network.
    public var staticIPs: Interpolated<[String]>?
    /// Which of `dns` and `gateway` this network provides by default.
    public var `default`: [String]?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<InstanceGroupNetwork>] = [
        .required("name", \.name), .optional("static_ips", \.staticIPs), .optional("default", \.default),
    ]
}
