import ReleaseSpec

/// The link definitions of release jobs (`provides:` and `consumes:` of each job spec): the Scheduler's
/// input for link resolution.
///
/// ReleaseSpec's job specs adapt to this value; nothing here reads a release.
public struct LinkCatalog: Sendable, Hashable {
    /// One `provides` or `consumes` entry of a job spec.
    public struct Definition: Sendable, Hashable, Codable {
        /// The link name.
        public var name: String
        /// The link type (`database`, `nats` …).
        public var type: String
        /// For consumes: whether the job works without it.
        public var optional: Bool
        /// For provides: the job properties the link exposes (dotted names).
        public var properties: [String]

        /// Creates a definition.
        public init(name: String, type: String, optional: Bool = false, properties: [String] = []) {
            self.name = name
            self.type = type
            self.optional = optional
            self.properties = properties
        }
    }

    /// The links of one job.
    public struct JobLinks: Sendable, Hashable {
        /// Links the job provides.
        public var provides: [Definition]
        /// Links the job consumes.
        public var consumes: [Definition]
        /// The properties the job's spec declares (with their defaults): a provided link's exposed properties
        /// are bound from these as the job's own properties are, and each must be declared here.
        public var properties: [PropertyDefinition]
        /// Creates a job's links.
        public init(provides: [Definition] = [], consumes: [Definition] = [], properties: [PropertyDefinition] = []) {
            self.provides = provides
            self.consumes = consumes
            self.properties = properties
        }
    }

    private var jobs: [String: JobLinks] = [:]

    /// An empty catalog.
    public init() {}

    /// Adds (or replaces) the links of `job` from `release`.
    public mutating func add(release: String, job: String, _ links: JobLinks) {
        jobs["\(release)/\(job)"] = links
    }

    /// The links of `job` from `release`, if known.
    public func links(release: String, job: String) -> JobLinks? { jobs["\(release)/\(job)"] }
}

/// A link another deployment shares (`shared: true`), as input to this deployment's plan.
public struct SharedLink: Sendable, Codable, Hashable {
    /// The providing deployment.
    public var deployment: String
    /// The link name (or its `as` alias).
    public var name: String
    /// The link type.
    public var type: String
    /// What the link carries.
    public var data: LinkData

    /// Creates a shared link.
    public init(deployment: String, name: String, type: String, data: LinkData) {
        self.deployment = deployment
        self.name = name
        self.type = type
        self.data = data
    }
}

/// What a consuming job's templates receive for a link (`link("db").instances`, `.p("port")` …).
public struct LinkData: Sendable, Codable, Hashable {
    /// One instance of the providing group.
    public struct Instance: Sendable, Codable, Hashable {
        /// The providing group's name.
        public var name: String
        /// The instance id, once known.
        public var id: String?
        /// The instance index.
        public var index: Int
        /// Its AZ.
        public var az: String?
        /// Its address on the link's network (`nil` until the IaaS assigns it).
        public var address: String?
        /// Whether it is the bootstrap instance.
        public var bootstrap: Bool

        /// Creates an instance entry.
        public init(name: String, id: String?, index: Int, az: String?, address: String?, bootstrap: Bool) {
            self.name = name
            self.id = id
            self.index = index
            self.az = az
            self.address = address
            self.bootstrap = bootstrap
        }
    }

    /// The providing deployment.
    public var deploymentName: String
    /// The providing instance group.
    public var instanceGroup: String
    /// The network the addresses are on.
    public var defaultNetwork: String?
    /// The providing group's networks.
    public var networks: [String]
    /// The providing group's instances.
    public var instances: [Instance]
    /// The link's properties, nested by their dotted names (`{"nats": {"port": 4222}}`): the exposed
    /// properties of the providing job, bound as its templates see them (manifest value, else spec default).
    public var properties: RenderValue

    /// Creates link data.
    public init(
        deploymentName: String, instanceGroup: String, defaultNetwork: String?, networks: [String],
        instances: [Instance], properties: RenderValue
    ) {
        self.deploymentName = deploymentName
        self.instanceGroup = instanceGroup
        self.defaultNetwork = defaultNetwork
        self.networks = networks
        self.instances = instances
        self.properties = properties
    }
}

/// One consumed link, resolved.
public struct ResolvedLink: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The consuming instance group.
    public var group: String
    /// The consuming job.
    public var job: String
    /// The link name in the consumer's spec.
    public var name: String
    /// The link type.
    public var type: String
    /// `deployment/group/job/link` of the provider; `nil` for an optional link left unresolved or set to nil.
    public var provider: String?
    /// What the job receives; `nil` when unresolved.
    public var data: LinkData?

    /// `web/api.db <- cf/database/pg/db`.
    public var description: String { "\(group)/\(job).\(name) <- \(provider ?? "(none)")" }
}
