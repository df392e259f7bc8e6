import BoshYAML

/// A BOSH deployment manifest (v2), including the legacy v1 blocks (`networks`, `resource_pools`,
/// `disk_pools`, `compilation`, `jobs`, `properties`) that old manifests and `create-env` manifests use.
public struct DeploymentManifest: ManifestObject {
    /// The deployment's name.
    public var name = ""
    /// Legacy: the director this manifest targets.
    public var directorUUID: String?
    /// The manifest's own version label (cf-deployment sets it).
    public var manifestVersion: String?
    /// Releases.
    public var releases: [ReleaseReference]?
    /// Stemcell aliases.
    public var stemcells: [StemcellReference]?
    /// Instance groups.
    public var instanceGroups: [InstanceGroup]?
    /// The deployment-wide update policy.
    public var update: UpdatePolicy?
    /// Variables to generate.
    public var variables: [VariableDefinition]?
    /// Feature flags.
    public var features: Features?
    /// Addons.
    public var addons: [Addon]?
    /// Tags for every VM.
    public var tags: YAMLNode?
    /// Legacy v1: global properties.
    public var properties: YAMLNode?
    /// Legacy v1 (and create-env): networks.
    public var networks: [CloudNetwork]?
    /// Legacy v1 (and create-env): resource pools.
    public var resourcePools: [ResourcePool]?
    /// Legacy v1 (and create-env): disk pools.
    public var diskPools: [DiskType]?
    /// Legacy v1: compilation.
    public var compilation: Compilation?
    /// Legacy v1: jobs (instance groups with `templates`).
    public var jobs: [InstanceGroup]?
    /// create-env: the CPI to run locally.
    public var cloudProvider: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    /// The instance groups, from `instance_groups` or legacy `jobs`.
    public var allInstanceGroups: [InstanceGroup] { instanceGroups ?? jobs ?? [] }

    public static let fields: [ManifestField<DeploymentManifest>] = [
        .required("name", \.name), .optional("director_uuid", \.directorUUID),
        .optional("manifest_version", \.manifestVersion), .optional("releases", \.releases),
        .optional("stemcells", \.stemcells), .optional("update", \.update), .optional("features", \.features),
        .optional("instance_groups", \.instanceGroups), .optional("variables", \.variables),
        .optional("addons", \.addons), .optional("tags", \.tags), .optional("properties", \.properties),
        .optional("networks", \.networks), .optional("resource_pools", \.resourcePools),
        .optional("disk_pools", \.diskPools), .optional("compilation", \.compilation), .optional("jobs", \.jobs),
        .optional("cloud_provider", \.cloudProvider),
    ]
}
