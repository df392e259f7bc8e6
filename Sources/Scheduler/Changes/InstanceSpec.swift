import BoshYAML

/// What an instance runs, in the terms the director compares to decide what a deploy does to it.
///
/// The planner computes the desired spec of every instance from the manifest; the current spec comes with
/// ``ExistingInstance/current``. Open-ended values (properties, env) are compared by ``StateDigest``.
/// A `nil` field of the current spec means "unknown" and never counts as a change.
public struct InstanceSpec: Sendable, Codable, Hashable {
    /// The stemcell, `os/version` (or `name/version`).
    public var stemcell: String?
    /// The VM type.
    public var vmType: String?
    /// VM extensions, in manifest order.
    public var vmExtensions: [String]?
    /// Digest of the agent `env`.
    public var env: String?
    /// Address per network (`dynamic` for IaaS-assigned ones).
    public var networks: [String: String]?
    /// The persistent disk size in MB (0 = none).
    public var persistentDiskSize: Int?
    /// The persistent disk type.
    public var persistentDiskType: String?
    /// Jobs as `release/job`, in manifest order.
    public var jobs: [String]?
    /// Digest of the job and instance-group properties.
    public var properties: String?
    /// Digest of the packages the jobs need (their fingerprints), when known.
    public var packages: String?
    /// Digest of what the jobs receive through the links they consume (providers, their instances'
    /// addresses and exposed properties), when the plan resolved links.
    public var links: String?

    /// Creates a spec; every field is optional.
    public init(
        stemcell: String? = nil, vmType: String? = nil, vmExtensions: [String]? = nil, env: String? = nil,
        networks: [String: String]? = nil, persistentDiskSize: Int? = nil, persistentDiskType: String? = nil,
        jobs: [String]? = nil, properties: String? = nil, packages: String? = nil, links: String? = nil
    ) {
        self.stemcell = stemcell
        self.vmType = vmType
        self.vmExtensions = vmExtensions
        self.env = env
        self.networks = networks
        self.persistentDiskSize = persistentDiskSize
        self.persistentDiskType = persistentDiskType
        self.jobs = jobs
        self.properties = properties
        self.packages = packages
        self.links = links
    }
}

/// Stable digests of open-ended manifest values (properties, env) for change detection: 64-bit FNV-1a of
/// the value printed as `bosh int` prints it, in hex. The same value always gives the same digest.
public enum StateDigest {
    /// The digest of `node` (`"none"` for a missing value).
    public static func of(_ node: YAMLNode?) -> String {
        guard let node else { return "none" }
        return of(text: node.description)
    }

    /// The digest of `text`.
    public static func of(text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
