import BoshJSON

/// The apply spec: what the director wants an instance to run (`apply`, `prepare`, `drain update`), and what the
/// agent reports back in `get_state`.
///
/// Members this type does not model are kept in ``otherMembers`` and encoded again, so a spec survives a
/// decode–encode round trip unchanged; the director compares `networks` by exact equality, which is why each
/// network stays a raw object.
public struct ApplySpec: Codable, Hashable, Sendable {
    /// The deployment name.
    public var deployment: String?
    /// The instance group name.
    public var name: String?
    /// The instance index; `nil` (JSON `null`) before the first apply.
    public var index: Int?
    /// The instance id (a UUID).
    public var id: String?
    /// The availability zone.
    public var az: String?
    /// The instance group's jobs.
    public var job: JobSpec?
    /// Packages by name.
    public var packages: [String: PackageSpec]?
    /// Networks by name, each the object the director sent.
    public var networks: [String: [String: JSONValue]]?
    /// The legacy resource pool (usually `{}`).
    public var resourcePool: JSONValue?
    /// A digest of the rendered configuration.
    public var configurationHash: String?
    /// The persistent disk size in MiB (0: none).
    public var persistentDisk: Int?
    /// Instance properties (the agent reads `logging.max_log_file_size`).
    public var properties: JSONValue?
    /// The archive of rendered job templates.
    public var renderedTemplatesArchive: RenderedTemplatesArchive?
    /// Members not modelled above, kept as they came.
    public var otherMembers: [String: JSONValue]

    /// Creates a spec.
    public init(
        deployment: String? = nil, name: String? = nil, index: Int? = nil, id: String? = nil, az: String? = nil,
        job: JobSpec? = nil, packages: [String: PackageSpec]? = nil, networks: [String: [String: JSONValue]]? = nil,
        resourcePool: JSONValue? = nil, configurationHash: String? = nil, persistentDisk: Int? = nil,
        properties: JSONValue? = nil, renderedTemplatesArchive: RenderedTemplatesArchive? = nil,
        otherMembers: [String: JSONValue] = [:]
    ) {
        self.deployment = deployment
        self.name = name
        self.index = index
        self.id = id
        self.az = az
        self.job = job
        self.packages = packages
        self.networks = networks
        self.resourcePool = resourcePool
        self.configurationHash = configurationHash
        self.persistentDisk = persistentDisk
        self.properties = properties
        self.renderedTemplatesArchive = renderedTemplatesArchive
        self.otherMembers = otherMembers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case deployment, name, index, id, az, job, packages, networks
        case resourcePool = "resource_pool"
        case configurationHash = "configuration_hash"
        case persistentDisk = "persistent_disk"
        case properties
        case renderedTemplatesArchive = "rendered_templates_archive"
    }

    /// Decodes a spec, keeping unmodelled members.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        deployment = try c.decodeIfPresent(String.self, forKey: .deployment)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        index = try c.decodeIfPresent(Int.self, forKey: .index)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        az = try c.decodeIfPresent(String.self, forKey: .az)
        job = try c.decodeIfPresent(JobSpec.self, forKey: .job)
        packages = try c.decodeIfPresent([String: PackageSpec].self, forKey: .packages)
        networks = try c.decodeIfPresent([String: [String: JSONValue]].self, forKey: .networks)
        resourcePool = try c.decodeIfPresent(JSONValue.self, forKey: .resourcePool)
        configurationHash = try c.decodeIfPresent(String.self, forKey: .configurationHash)
        persistentDisk = try c.decodeIfPresent(Int.self, forKey: .persistentDisk)
        properties = try c.decodeIfPresent(JSONValue.self, forKey: .properties)
        renderedTemplatesArchive = try c.decodeIfPresent(
            RenderedTemplatesArchive.self, forKey: .renderedTemplatesArchive)
        otherMembers = try decoder.otherMembers(besides: CodingKeys.self)
    }

    /// Encodes the spec with its unmodelled members.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeOtherMembers(otherMembers)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(deployment, forKey: .deployment)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(index, forKey: .index)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(az, forKey: .az)
        try c.encodeIfPresent(job, forKey: .job)
        try c.encodeIfPresent(packages, forKey: .packages)
        try c.encodeIfPresent(networks, forKey: .networks)
        try c.encodeIfPresent(resourcePool, forKey: .resourcePool)
        try c.encodeIfPresent(configurationHash, forKey: .configurationHash)
        try c.encodeIfPresent(persistentDisk, forKey: .persistentDisk)
        try c.encodeIfPresent(properties, forKey: .properties)
        try c.encodeIfPresent(renderedTemplatesArchive, forKey: .renderedTemplatesArchive)
    }
}

/// The `job` of an apply spec: the instance group and the release jobs ("templates") it runs.
public struct JobSpec: Codable, Hashable, Sendable {
    /// The instance group name.
    public var name: String?
    /// The release jobs.
    public var templates: [JobTemplate]?
    /// Legacy single-job members (usually empty strings), and anything else the director adds.
    public var otherMembers: [String: JSONValue]

    /// Creates a job spec.
    public init(name: String? = nil, templates: [JobTemplate]? = nil, otherMembers: [String: JSONValue] = [:]) {
        self.name = name
        self.templates = templates
        self.otherMembers = otherMembers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, templates
    }

    /// Decodes a job spec, keeping unmodelled members.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        templates = try c.decodeIfPresent([JobTemplate].self, forKey: .templates)
        otherMembers = try decoder.otherMembers(besides: CodingKeys.self)
    }

    /// Encodes the job spec with its unmodelled members.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeOtherMembers(otherMembers)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(templates, forKey: .templates)
    }
}

/// One release job of a ``JobSpec``.
public struct JobTemplate: Codable, Hashable, Sendable {
    /// The release job's name.
    public var name: String
    /// Its version (fingerprint).
    public var version: String
    /// Its digest, when sent.
    public var sha1: String?
    /// Its blob, when sent.
    public var blobstoreID: String?

    /// Creates a release job entry.
    public init(name: String, version: String, sha1: String? = nil, blobstoreID: String? = nil) {
        self.name = name
        self.version = version
        self.sha1 = sha1
        self.blobstoreID = blobstoreID
    }

    enum CodingKeys: String, CodingKey {
        case name, version, sha1
        case blobstoreID = "blobstore_id"
    }
}

/// A compiled package the agent downloads for an apply.
public struct PackageSpec: Codable, Hashable, Sendable {
    /// The package name.
    public var name: String
    /// Its version (fingerprint).
    public var version: String
    /// Its multi-digest (`"<sha1>"` or `"sha256:<hex>"`, several joined by `;`).
    public var sha1: String?
    /// Its blob id.
    public var blobstoreID: String?
    /// A pre-signed download URL, when the director signs URLs.
    public var signedURL: String?
    /// Headers for the signed URL.
    public var blobstoreHeaders: [String: String]?

    /// Creates a package entry.
    public init(
        name: String, version: String, sha1: String? = nil, blobstoreID: String? = nil, signedURL: String? = nil,
        blobstoreHeaders: [String: String]? = nil
    ) {
        self.name = name
        self.version = version
        self.sha1 = sha1
        self.blobstoreID = blobstoreID
        self.signedURL = signedURL
        self.blobstoreHeaders = blobstoreHeaders
    }

    enum CodingKeys: String, CodingKey {
        case name, version, sha1
        case blobstoreID = "blobstore_id"
        case signedURL = "signed_url"
        case blobstoreHeaders = "blobstore_headers"
    }
}

/// The blob holding an instance's rendered job templates.
public struct RenderedTemplatesArchive: Codable, Hashable, Sendable {
    /// The blob id.
    public var blobstoreID: String?
    /// The blob's multi-digest.
    public var sha1: String?
    /// A pre-signed download URL, when the director signs URLs.
    public var signedURL: String?
    /// Headers for the signed URL.
    public var blobstoreHeaders: [String: String]?

    /// Creates an archive reference.
    public init(
        blobstoreID: String? = nil, sha1: String? = nil, signedURL: String? = nil,
        blobstoreHeaders: [String: String]? = nil
    ) {
        self.blobstoreID = blobstoreID
        self.sha1 = sha1
        self.signedURL = signedURL
        self.blobstoreHeaders = blobstoreHeaders
    }

    enum CodingKeys: String, CodingKey {
        case blobstoreID = "blobstore_id"
        case sha1
        case signedURL = "signed_url"
        case blobstoreHeaders = "blobstore_headers"
    }
}
