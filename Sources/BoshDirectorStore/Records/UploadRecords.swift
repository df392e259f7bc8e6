/// An uploaded release: its jobs' and packages' blobs in the blobstore.
public struct ReleaseRecord: Codable, Sendable, Hashable {
    /// One job or package blob.
    public struct Blob: Codable, Sendable, Hashable {
        /// The job or package name.
        public var name: String
        /// Its version (fingerprint).
        public var version: String
        /// The blobstore id of its tgz.
        public var blobstoreID: String
        /// The SHA-1 of its tgz.
        public var sha1: String
        /// Packages it depends on (packages) or uses (jobs).
        public var dependencies: [String]
        /// The links a job consumes, as its spec declares them (empty for packages).
        public var consumes: [Link]
        /// The links a job provides (empty for packages).
        public var provides: [Link]

        /// Creates a blob record.
        public init(
            name: String, version: String, blobstoreID: String, sha1: String, dependencies: [String], consumes: [Link] = [],
            provides: [Link] = []
        ) {
            self.name = name
            self.version = version
            self.blobstoreID = blobstoreID
            self.sha1 = sha1
            self.dependencies = dependencies
            self.consumes = consumes
            self.provides = provides
        }

        enum CodingKeys: String, CodingKey { case name, version, blobstoreID, sha1, dependencies, consumes, provides }

        /// Decodes a blob; `consumes` and `provides` may be missing (records written before they were kept).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            version = try c.decode(String.self, forKey: .version)
            blobstoreID = try c.decode(String.self, forKey: .blobstoreID)
            sha1 = try c.decode(String.self, forKey: .sha1)
            dependencies = try c.decode([String].self, forKey: .dependencies)
            consumes = try c.decodeIfPresent([Link].self, forKey: .consumes) ?? []
            provides = try c.decodeIfPresent([Link].self, forKey: .provides) ?? []
        }
    }

    /// A link a job consumes or provides (`bosh inspect-release` lists them).
    public struct Link: Codable, Sendable, Hashable {
        /// The link name.
        public var name: String
        /// The link type.
        public var type: String
        /// `optional: true` of a consumed link.
        public var optional: Bool?
        /// The properties a provided link shares.
        public var properties: [String]?

        /// Creates a link.
        public init(name: String, type: String, optional: Bool? = nil, properties: [String]? = nil) {
            self.name = name
            self.type = type
            self.optional = optional
            self.properties = properties
        }
    }

    /// The release name.
    public var name: String
    /// The release version.
    public var version: String
    /// Where the uploaded tarball is kept (the renderer reads job templates from it).
    public var tarball: String
    /// The jobs.
    public var jobs: [Blob]
    /// The source packages.
    public var packages: [Blob]

    /// `name/version`.
    public var slug: String { "\(name)/\(version)" }

    /// Creates a release record.
    public init(name: String, version: String, tarball: String, jobs: [Blob], packages: [Blob]) {
        self.name = name
        self.version = version
        self.tarball = tarball
        self.jobs = jobs
        self.packages = packages
    }
}

/// An uploaded stemcell and its cloud id.
public struct StemcellRecord: Codable, Sendable, Hashable {
    /// `stemcell.MF` name.
    public var name: String
    /// Version.
    public var version: String
    /// Operating system.
    public var os: String
    /// `api_version`, if the stemcell names one.
    public var apiVersion: Int?
    /// The CPI's stemcell id.
    public var cid: String

    /// `name/version`.
    public var slug: String { "\(name)/\(version)" }

    /// Creates a stemcell record.
    public init(name: String, version: String, os: String, apiVersion: Int?, cid: String) {
        self.name = name
        self.version = version
        self.os = os
        self.apiVersion = apiVersion
        self.cid = cid
    }
}

/// A package compiled for a stemcell, reused by every later deploy that needs the same thing.
public struct CompiledPackageRecord: Codable, Sendable, Hashable {
    /// `release/package/fingerprint/os/stemcell-version/dependency-key`.
    public var key: String
    /// The package name.
    public var name: String
    /// Its version (fingerprint).
    public var version: String
    /// The blobstore id of the compiled tgz.
    public var blobstoreID: String
    /// Its SHA-1.
    public var sha1: String

    /// Creates a compiled package record.
    public init(key: String, name: String, version: String, blobstoreID: String, sha1: String) {
        self.key = key
        self.name = name
        self.version = version
        self.blobstoreID = blobstoreID
        self.sha1 = sha1
    }
}
