import BoshYAML

/// A legacy v1 `resource_pools:` entry (still used by `create-env` manifests): VM settings plus the stemcell.
public struct ResourcePool: ManifestObject {
    /// The pool's name, referred to by a job's `resource_pool`.
    public var name = ""
    /// The network of the pool's VMs.
    public var network: String?
    /// The stemcell (`name`, `version`, or `url` + `sha1` for create-env).
    public var stemcell: YAMLNode?
    /// IaaS settings.
    public var cloudProperties: YAMLNode?
    /// Agent environment.
    public var env: YAMLNode?
    /// A fixed pool size.
    public var size: Int?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<ResourcePool>] = [
        .required("name", \.name), .optional("network", \.network), .optional("stemcell", \.stemcell),
        .optional("cloud_properties", \.cloudProperties), .optional("env", \.env), .optional("size", \.size),
    ]
}
