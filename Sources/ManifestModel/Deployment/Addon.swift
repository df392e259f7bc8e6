import BoshYAML

/// An entry of `addons:` (deployment manifest or runtime config): jobs colocated on matching instances.
public struct Addon: ManifestObject {
    /// The addon's name.
    public var name = ""
    /// The jobs it adds.
    public var jobs: [JobReference]?
    /// Where it applies.
    public var include: PlacementRule?
    /// Where it does not apply.
    public var exclude: PlacementRule?
    /// Properties for its jobs.
    public var properties: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<Addon>] = [
        .required("name", \.name), .optional("jobs", \.jobs), .optional("include", \.include),
        .optional("exclude", \.exclude), .optional("properties", \.properties),
    ]
}

/// An addon's `include:` or `exclude:` rule.
public struct PlacementRule: ManifestObject {
    /// Match instances on these stemcells (`{os}`).
    public var stemcell: [OSVersion]?
    /// Match these deployments.
    public var deployments: [String]?
    /// Match instances running these jobs (`{name, release}`).
    public var jobs: [PlacementJob]?
    /// Match these instance groups.
    public var instanceGroups: [String]?
    /// Match instances on these networks.
    public var networks: [String]?
    /// Match deployments of these teams.
    public var teams: [String]?
    /// Match `service` or `errand` instance groups.
    public var lifecycle: String?
    /// Match instances in these AZs.
    public var azs: [String]?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<PlacementRule>] = [
        .optional("stemcell", \.stemcell), .optional("deployments", \.deployments), .optional("jobs", \.jobs),
        .optional("instance_groups", \.instanceGroups), .optional("networks", \.networks), .optional("teams", \.teams),
        .optional("lifecycle", \.lifecycle), .optional("azs", \.azs),
    ]
}

/// A job in a placement rule.
public struct PlacementJob: ManifestObject {
    /// The job name.
    public var name = ""
    /// Its release.
    public var release: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<PlacementJob>] = [.required("name", \.name), .optional("release", \.release)]
}
