import BoshYAML

/// The `features:` block.
public struct Features: ManifestObject {
    /// Give jobs DNS names instead of IPs for links.
    public var useDNSAddresses: Bool?
    /// Use short DNS names.
    public var useShortDNSAddresses: Bool?
    /// Use link-specific DNS names.
    public var useLinkDNSNames: Bool?
    /// Place new instances in random AZs.
    public var randomizeAZPlacement: Bool?
    /// Regenerate variables whose options changed.
    public var convergeVariables: Bool?
    /// Mount job config dirs on tmpfs.
    public var useTmpfsConfig: Bool?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<Features>] = [
        .optional("use_dns_addresses", \.useDNSAddresses), .optional("use_short_dns_addresses", \.useShortDNSAddresses),
        .optional("use_link_dns_names", \.useLinkDNSNames), .optional("randomize_az_placement", \.randomizeAZPlacement),
        .optional("converge_variables", \.convergeVariables), .optional("use_tmpfs_config", \.useTmpfsConfig),
    ]
}
