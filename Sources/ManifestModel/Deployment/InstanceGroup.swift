import BoshYAML

/// An entry of `instance_groups:` (or a legacy v1 `jobs:` entry, which names its jobs `templates`).
public struct InstanceGroup: ManifestObject {
    /// The group name.
    public var name = ""
    /// How many instances.
    public var instances = 0
    /// The AZs to spread instances over.
    public var azs: [String]?
    /// The jobs each instance runs.
    public var jobs: [JobReference]?
    /// Legacy v1: the jobs, under their old name.
    public var templates: [JobReference]?
    /// The cloud-config VM type.
    public var vmType: String?
    /// Resources instead of a VM type (`cpu`, `ram`, `ephemeral_disk_size`).
    public var vmResources: YAMLNode?
    /// Cloud-config VM extensions.
    public var vmExtensions: [String]?
    /// The stemcell alias.
    public var stemcell: String?
    /// A persistent disk size in MB.
    public var persistentDisk: Int?
    /// A cloud-config disk type for the persistent disk.
    public var persistentDiskType: String?
    /// Legacy v1: the disk pool of the persistent disk.
    public var persistentDiskPool: String?
    /// Several named persistent disks.
    public var persistentDisks: [PersistentDisk]?
    /// The networks each instance joins.
    public var networks: [InstanceGroupNetwork]?
    /// An update policy overriding the deployment's.
    public var update: UpdatePolicy?
    /// Instance groups this one replaces (`{name, az}`).
    public var migratedFrom: [MigratedFrom]?
    /// `service` (default) or `errand`.
    public var lifecycle: Lifecycle?
    /// Instance-group-level properties (open-ended).
    public var properties: YAMLNode?
    /// Agent environment (open-ended; `bosh.password`, `persistent_disk_fs` …).
    public var env: YAMLNode?
    /// Legacy v1: the resource pool.
    public var resourcePool: String?
    public var extra = ExtraKeys()

    public init() {}

    /// The jobs, whichever key they were given under.
    public var allJobs: [JobReference] { jobs ?? templates ?? [] }

    public static let fields: [ManifestField<InstanceGroup>] = [
        .required("name", \.name), .optional("azs", \.azs), .required("instances", \.instances),
        .optional("lifecycle", \.lifecycle), .optional("jobs", \.jobs), .optional("templates", \.templates),
        .optional("vm_type", \.vmType), .optional("vm_resources", \.vmResources),
        .optional("vm_extensions", \.vmExtensions), .optional("stemcell", \.stemcell),
        .optional("persistent_disk", \.persistentDisk), .optional("persistent_disk_type", \.persistentDiskType),
        .optional("persistent_disk_pool", \.persistentDiskPool), .optional("persistent_disks", \.persistentDisks),
        .optional("resource_pool", \.resourcePool), .optional("networks", \.networks), .optional("update", \.update),
        .optional("migrated_from", \.migratedFrom), .optional("properties", \.properties), .optional("env", \.env),
    ]

    public static func check(_ value: InstanceGroup, _ d: NodeDecoder) {
        if value.instances < 0 { d.child("instances")?.problem("instances must not be negative (got \(value.instances))") }
        // A v1 manifest's groups list their jobs under `templates:`, which reading accepts (the director refuses
        // it: ``DeploymentManifest/validate(_:cloudConfig:)``). A key set to null counts as absent.
        func given(_ key: String) -> Bool {
            guard let child = d.child(key) else { return false }
            return child.node.scalar != .null
        }
        if !given("jobs") && !given("templates") { d.problem("missing required key 'jobs'") }
        if d.child("networks") == nil { d.problem("missing required key 'networks'") }
    }
}

/// An entry of `persistent_disks:`.
public struct PersistentDisk: ManifestObject {
    /// The disk's name (jobs find it under `/var/vcap/store/NAME`).
    public var name = ""
    /// The cloud-config disk type.
    public var type = ""
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<PersistentDisk>] = [.required("name", \.name), .required("type", \.type)]
}

/// An entry of `migrated_from:`.
public struct MigratedFrom: ManifestObject {
    /// The old instance group's name.
    public var name = ""
    /// The AZ its instances move to.
    public var az: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<MigratedFrom>] = [.required("name", \.name), .optional("az", \.az)]
}

/// An instance group's lifecycle.
public enum Lifecycle: String, Hashable, Sendable, ManifestValue {
    /// Long-running processes (the default).
    case service
    /// Run to completion on demand.
    case errand

    public static func decode(_ d: NodeDecoder) -> Lifecycle? {
        guard d.tree.kind(d.id) == .scalar, let v = Lifecycle(rawValue: d.tree.canonicalText(d.id)) else {
            d.typeMismatch(expected: "'service' or 'errand'")
            return nil
        }
        return v
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addString(rawValue) }
}
