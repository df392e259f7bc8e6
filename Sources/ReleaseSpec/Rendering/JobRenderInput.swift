/// One job to render on an instance: the release job, its bound properties and its resolved links.
public struct JobRenderInput: Sendable {
    /// The job from the release tarball (spec, monit and template sources).
    public var job: ReleaseJob
    /// The release name (`spec.release.name`).
    public var releaseName: String
    /// The release version (`spec.release.version`).
    public var releaseVersion: String
    /// The job's properties, bound with ``JobSpec/bindProperties(global:instanceGroup:job:)``.
    public var properties: RenderValue
    /// Resolved links by the name the job consumes them under (`link('db')`).
    public var links: [String: RenderLink]
    /// The links this job provides, as the director lists them in `.bosh/links.json`.
    public var providedLinks: [ProvidedLink]
    /// The job blob's id in the director's blobstore (`spec.job.templates[].blobstore_id`), when it has one.
    public var blobstoreID: String?

    /// Creates a job input.
    public init(
        job: ReleaseJob, releaseName: String, releaseVersion: String, properties: RenderValue,
        links: [String: RenderLink] = [:], providedLinks: [ProvidedLink] = [], blobstoreID: String? = nil
    ) {
        self.job = job
        self.releaseName = releaseName
        self.releaseVersion = releaseVersion
        self.properties = properties
        self.links = links
        self.providedLinks = providedLinks
        self.blobstoreID = blobstoreID
    }

    /// The job's name.
    public var name: String { job.record.name }

    /// The `.bosh/links.json` file: the provided links sorted by group, pretty-printed, newline-terminated.
    var linksFile: [UInt8] {
        let entries: [RenderValue] = providedLinks.sorted {
            Array($0.group.utf8).lexicographicallyPrecedes($1.group.utf8)
        }.map { ["name": .string($0.name), "type": .string($0.type), "group": .string($0.group)] }
        return Array((RenderValue.array(entries).json.text(indent: 2) + "\n").utf8)
    }
}

/// A link a job provides, as `.bosh/links.json` records it for the agent.
public struct ProvidedLink: Hashable, Sendable {
    /// The link's canonical name.
    public var name: String
    /// The link type.
    public var type: String
    /// The director's DNS group id for the link.
    public var group: String

    /// Creates a provided-link record.
    public init(name: String, type: String, group: String) {
        self.name = name
        self.type = type
        self.group = group
    }
}
