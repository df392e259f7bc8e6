import BoshYAML

/// A cloud config: the IaaS side of deployments (AZs, networks, VM and disk types, compilation).
public struct CloudConfig: ManifestObject {
    /// Availability zones.
    public var azs: [AvailabilityZone]?
    /// Networks.
    public var networks: [CloudNetwork]?
    /// VM types.
    public var vmTypes: [VMType]?
    /// VM extensions.
    public var vmExtensions: [VMType]?
    /// Disk types.
    public var diskTypes: [DiskType]?
    /// Where packages compile.
    public var compilation: Compilation?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<CloudConfig>] = [
        .optional("azs", \.azs), .optional("networks", \.networks), .optional("vm_types", \.vmTypes),
        .optional("vm_extensions", \.vmExtensions), .optional("disk_types", \.diskTypes),
        .optional("compilation", \.compilation),
    ]
}

/// An entry of `azs:`.
public struct AvailabilityZone: ManifestObject {
    /// The AZ name.
    public var name = ""
    /// IaaS settings (open-ended).
    public var cloudProperties: YAMLNode?
    /// The CPI (from the CPI config) that serves this AZ.
    public var cpi: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<AvailabilityZone>] = [
        .required("name", \.name), .optional("cloud_properties", \.cloudProperties), .optional("cpi", \.cpi),
    ]
}

/// An entry of `vm_types:` or `vm_extensions:`.
public struct VMType: ManifestObject {
    /// The name instance groups refer to.
    public var name = ""
    /// IaaS settings (open-ended).
    public var cloudProperties: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<VMType>] = [
        .required("name", \.name), .optional("cloud_properties", \.cloudProperties),
    ]
}

/// An entry of `disk_types:` (or a legacy `disk_pools:` entry).
public struct DiskType: ManifestObject {
    /// The name instance groups refer to.
    public var name = ""
    /// Size in MB.
    public var diskSize = 0
    /// IaaS settings (open-ended).
    public var cloudProperties: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<DiskType>] = [
        .required("name", \.name), .required("disk_size", \.diskSize), .optional("cloud_properties", \.cloudProperties),
    ]

    public static func check(_ value: DiskType, _ d: NodeDecoder) {
        if value.diskSize < 0 { d.child("disk_size")?.problem("disk_size must not be negative") }
    }
}

/// The `compilation:` block.
public struct Compilation: ManifestObject {
    /// How many compilation VMs at once.
    public var workers = 0
    /// Keep compilation VMs between packages.
    public var reuseCompilationVMs: Bool?
    /// The AZ for compilation VMs.
    public var az: String?
    /// The VM type for compilation VMs.
    public var vmType: String?
    /// VM resources instead of a type.
    public var vmResources: YAMLNode?
    /// The network for compilation VMs.
    public var network = ""
    /// IaaS settings (legacy, instead of vm_type).
    public var cloudProperties: YAMLNode?
    /// Agent environment.
    public var env: YAMLNode?
    /// Delete compilation VMs as soon as they are done.
    public var orphanWorkers: Bool?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<Compilation>] = [
        .required("workers", \.workers), .optional("reuse_compilation_vms", \.reuseCompilationVMs),
        .optional("az", \.az), .optional("vm_type", \.vmType), .optional("vm_resources", \.vmResources),
        .required("network", \.network), .optional("cloud_properties", \.cloudProperties), .optional("env", \.env),
        .optional("orphan_workers", \.orphanWorkers),
    ]

    public static func check(_ value: Compilation, _ d: NodeDecoder) {
        if value.workers < 1 && d.child("workers") != nil { d.child("workers")?.problem("workers must be at least 1") }
    }
}
