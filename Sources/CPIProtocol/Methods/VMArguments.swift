/// `create_vm [agent_id, stemcell_cid, cloud_properties, networks, disk_cids, env]`; returns ``CreateVMResult``.
public struct CreateVMArguments: CPIArguments, Hashable {
    /// `create_vm`
    public static let method = CPIMethod.createVM

    /// The id the agent on the new VM answers to.
    public var agentID: String
    /// The stemcell to boot.
    public var stemcellCID: String
    /// The VM type's cloud properties.
    public var cloudProperties: [String: JSONValue]
    /// The networks, by name.
    public var networks: [String: CPINetwork]
    /// Disks the VM will get, a locality hint; may be empty.
    public var diskCIDs: [String]
    /// The environment for the agent (`bosh.group`, `bosh.groups`, `bosh.password`, `bosh.mbus` …), open-ended.
    public var env: [String: JSONValue]

    /// Creates the arguments.
    public init(
        agentID: String, stemcellCID: String, cloudProperties: [String: JSONValue] = [:],
        networks: [String: CPINetwork] = [:], diskCIDs: [String] = [], env: [String: JSONValue] = [:]
    ) {
        self.agentID = agentID
        self.stemcellCID = stemcellCID
        self.cloudProperties = cloudProperties
        self.networks = networks
        self.diskCIDs = diskCIDs
        self.env = env
    }

    /// Decodes the six positional arguments; `disk_cids` and `env` may be `null`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        agentID = try reader.string(0, "agent_id")
        stemcellCID = try reader.string(1, "stemcell_cid")
        cloudProperties = try reader.lenientObject(2, "cloud_properties")
        let networks = try reader.value(3, "networks")
        guard networks.objectValue != nil else { throw reader.mistyped(3, "networks", "an object", networks) }
        self.networks = try CPINetwork.decodeNetworks(networks, what: "networks")
        diskCIDs = arguments.count > 4 ? try reader.strings(4, "disk_cids") : []
        env = try reader.lenientObject(5, "env")
    }

    /// Encodes the six positional arguments.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] {
        [
            .string(agentID), .string(stemcellCID), .object(cloudProperties), CPINetwork.encodeNetworks(networks),
            diskCIDs.json, .object(env),
        ]
    }

    /// Decodes a bare cid (v1) or `[cid, networks]` (v2 and later; a bare cid is accepted too).
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> CreateVMResult {
        let reader = ResultReader(method)
        switch result {
        case .string(let cid):
            return CreateVMResult(vmCID: cid)
        case .array(let values) where !values.isEmpty:
            let cid = try reader.string(values[0])
            guard values.count > 1, !values[1].isNull else { return CreateVMResult(vmCID: cid) }
            return CreateVMResult(vmCID: cid, networks: try CPINetwork.decodeNetworks(values[1], what: "create_vm result networks"))
        default:
            throw reader.mistyped(apiVersion >= 2 ? "[vm_cid, networks]" : "a vm_cid string", result)
        }
    }

    /// Encodes a bare cid for API version 1, `[cid, networks]` from version 2 (the director reads element 0).
    public static func encodeResult(_ result: CreateVMResult, apiVersion: Int) throws(CPIError) -> JSONValue {
        guard apiVersion >= 2 else { return .string(result.vmCID) }
        return .array([.string(result.vmCID), CPINetwork.encodeNetworks(result.networks ?? [:])])
    }
}

/// The `create_vm` result: the VM's cid and, from API version 2, the networks as configured.
public struct CreateVMResult: Sendable, Hashable {
    /// The new VM's cid.
    public var vmCID: String
    /// The networks as the IaaS set them up (v2); `nil` when the CPI sent a bare cid.
    public var networks: [String: CPINetwork]?

    /// Creates a result.
    public init(vmCID: String, networks: [String: CPINetwork]? = nil) {
        self.vmCID = vmCID
        self.networks = networks
    }
}

/// `delete_vm [vm_cid]`. Must succeed while persistent disks are still attached.
public struct DeleteVMArguments: CPISingleCIDArguments, CPIVoidArguments, Hashable {
    /// `delete_vm`
    public static let method = CPIMethod.deleteVM
    /// `vm_cid`
    public static let cidName = "vm_cid"
    /// The VM.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}

/// `has_vm [vm_cid]`; returns whether the VM exists.
public struct HasVMArguments: CPISingleCIDArguments, CPIBoolResultArguments, Hashable {
    /// `has_vm`
    public static let method = CPIMethod.hasVM
    /// `vm_cid`
    public static let cidName = "vm_cid"
    /// The VM.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}

/// `reboot_vm [vm_cid]`.
public struct RebootVMArguments: CPISingleCIDArguments, CPIVoidArguments, Hashable {
    /// `reboot_vm`
    public static let method = CPIMethod.rebootVM
    /// `vm_cid`
    public static let cidName = "vm_cid"
    /// The VM.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}

/// `set_vm_metadata [vm_cid, metadata]`.
public struct SetVMMetadataArguments: CPIMetadataArguments, CPIVoidArguments, Hashable {
    /// `set_vm_metadata`
    public static let method = CPIMethod.setVMMetadata
    /// `vm_cid`
    public static let cidName = "vm_cid"

    /// The VM.
    public var vmCID: String
    /// Tags such as `director`, `deployment`, `instance_group`, `job`, `id`, `name`, `index`, `created_at`.
    public var metadata: [String: JSONValue]

    /// Creates the arguments.
    public init(vmCID: String, metadata: [String: JSONValue]) {
        self.vmCID = vmCID
        self.metadata = metadata
    }

    /// Creates the arguments.
    public init(cid: String, metadata: [String: JSONValue]) { self.init(vmCID: cid, metadata: metadata) }

    /// The VM.
    public var cid: String { vmCID }
}

/// `calculate_vm_cloud_properties [{cpu, ram, ephemeral_disk_size}]`; returns cloud properties.
public struct CalculateVMCloudPropertiesArguments: CPIArguments, Hashable {
    /// `calculate_vm_cloud_properties`
    public static let method = CPIMethod.calculateVMCloudProperties

    /// What the VM must provide.
    public var resources: VMResources

    /// Creates the arguments.
    public init(resources: VMResources) { self.resources = resources }

    /// Decodes `[{cpu, ram, ephemeral_disk_size}]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let outer = ArgumentReader(Self.method, arguments)
        let members = try outer.object(0, "desired_instance_size")
        var values: [Int] = []
        for key in ["cpu", "ram", "ephemeral_disk_size"] {
            let prefix = "Invalid arguments for '\(Self.method)': argument 1 (desired_instance_size)"
            guard let value = members[key] else { throw .cpiError(message: "\(prefix) is missing '\(key)'") }
            guard let int = value.intValue else {
                throw .cpiError(message: "\(prefix): '\(key)' must be an integer, got \(value.kindDescription)")
            }
            values.append(int)
        }
        resources = VMResources(cpu: values[0], ram: values[1], ephemeralDiskSize: values[2])
    }

    /// Encodes `[{cpu, ram, ephemeral_disk_size}]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [resources.json] }

    /// Decodes the cloud properties object.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> [String: JSONValue] {
        try ResultReader(method).object(result)
    }

    /// Encodes the cloud properties object.
    public static func encodeResult(_ result: [String: JSONValue], apiVersion: Int) throws(CPIError) -> JSONValue {
        .object(result)
    }
}
