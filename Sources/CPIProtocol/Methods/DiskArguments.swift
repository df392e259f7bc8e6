/// `create_disk [size, cloud_properties, vm_cid]`; returns the disk cid.
public struct CreateDiskArguments: CPICIDResultArguments, Hashable {
    /// `create_disk`
    public static let method = CPIMethod.createDisk

    /// Size in MiB.
    public var size: Int
    /// The disk type's cloud properties.
    public var cloudProperties: [String: JSONValue]
    /// The VM the disk is meant for, a locality hint; `nil` is sent as `null`.
    public var vmCID: String?

    /// Creates the arguments.
    public init(size: Int, cloudProperties: [String: JSONValue] = [:], vmCID: String? = nil) {
        self.size = size
        self.cloudProperties = cloudProperties
        self.vmCID = vmCID
    }

    /// Decodes `[size, cloud_properties, vm_cid]`; `vm_cid` may be `null` or absent.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        size = try reader.int(0, "size")
        cloudProperties = try reader.lenientObject(1, "cloud_properties")
        vmCID = try reader.optionalString(2, "vm_cid")
    }

    /// Encodes `[size, cloud_properties, vm_cid]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] {
        [.int(size), .object(cloudProperties), vmCID.map(JSONValue.string) ?? .null]
    }
}

/// `delete_disk [disk_cid]`.
public struct DeleteDiskArguments: CPISingleCIDArguments, CPIVoidArguments, Hashable {
    /// `delete_disk`
    public static let method = CPIMethod.deleteDisk
    /// `disk_cid`
    public static let cidName = "disk_cid"
    /// The disk.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}

/// `has_disk [disk_cid]`; returns whether the disk exists.
public struct HasDiskArguments: CPISingleCIDArguments, CPIBoolResultArguments, Hashable {
    /// `has_disk`
    public static let method = CPIMethod.hasDisk
    /// `disk_cid`
    public static let cidName = "disk_cid"
    /// The disk.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}

/// `get_disks [vm_cid]`; returns the cids of the disks attached to the VM.
public struct GetDisksArguments: CPISingleCIDArguments, Hashable {
    /// `get_disks`
    public static let method = CPIMethod.getDisks
    /// `vm_cid`
    public static let cidName = "vm_cid"
    /// The VM.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }

    /// Decodes the array of disk cids; `null` reads as none.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> [String] {
        try ArgumentReader(method, [result]).strings(0, "result")
    }

    /// Encodes the array of disk cids (`[]`, never `null`).
    public static func encodeResult(_ result: [String], apiVersion: Int) throws(CPIError) -> JSONValue { result.json }
}

/// `attach_disk [vm_cid, disk_cid]`; from API version 2 returns the ``DiskHint`` the agent needs.
public struct AttachDiskArguments: CPIVMDiskArguments, Hashable {
    /// `attach_disk`
    public static let method = CPIMethod.attachDisk

    /// The VM.
    public var vmCID: String
    /// The disk.
    public var diskCID: String

    /// Creates the arguments.
    public init(vmCID: String, diskCID: String) {
        self.vmCID = vmCID
        self.diskCID = diskCID
    }

    /// Decodes the hint; with API version 2 or later a missing or empty hint is an error, as in the director.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> DiskHint? {
        let hint = try DiskHint(json: result)
        if apiVersion >= 2, hint?.isEmpty ?? true {
            throw .cpiError(message: "Invalid result of 'attach_disk': no disk_hint (required from API version 2)")
        }
        return hint
    }

    /// Encodes `null` for API version 1 and the hint from version 2, which must then be present and non-empty.
    public static func encodeResult(_ result: DiskHint?, apiVersion: Int) throws(CPIError) -> JSONValue {
        guard apiVersion >= 2 else { return .null }
        guard let result, !result.isEmpty else {
            throw .cpiError(message: "attach_disk must return a non-empty disk hint for API version \(apiVersion)")
        }
        return result.json
    }
}

/// `detach_disk [vm_cid, disk_cid]`.
public struct DetachDiskArguments: CPIVMDiskArguments, CPIVoidArguments, Hashable {
    /// `detach_disk`
    public static let method = CPIMethod.detachDisk

    /// The VM.
    public var vmCID: String
    /// The disk.
    public var diskCID: String

    /// Creates the arguments.
    public init(vmCID: String, diskCID: String) {
        self.vmCID = vmCID
        self.diskCID = diskCID
    }
}

/// `set_disk_metadata [disk_cid, metadata]`.
public struct SetDiskMetadataArguments: CPIMetadataArguments, CPIVoidArguments, Hashable {
    /// `set_disk_metadata`
    public static let method = CPIMethod.setDiskMetadata
    /// `disk_cid`
    public static let cidName = "disk_cid"

    /// The disk.
    public var diskCID: String
    /// Tags such as `director`, `deployment`, `instance_id`, `instance_group`, `instance_index`, `attached_at`.
    public var metadata: [String: JSONValue]

    /// Creates the arguments.
    public init(diskCID: String, metadata: [String: JSONValue]) {
        self.diskCID = diskCID
        self.metadata = metadata
    }

    /// Creates the arguments.
    public init(cid: String, metadata: [String: JSONValue]) { self.init(diskCID: cid, metadata: metadata) }

    /// The disk.
    public var cid: String { diskCID }
}

/// `resize_disk [disk_cid, new_size]`. Throw ``CPIError/notSupported(message:okToRetry:)`` to make the
/// director copy the data to a new disk instead.
public struct ResizeDiskArguments: CPIVoidArguments, Hashable {
    /// `resize_disk`
    public static let method = CPIMethod.resizeDisk

    /// The disk.
    public var diskCID: String
    /// The new size in MiB.
    public var newSize: Int

    /// Creates the arguments.
    public init(diskCID: String, newSize: Int) {
        self.diskCID = diskCID
        self.newSize = newSize
    }

    /// Decodes `[disk_cid, new_size]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        diskCID = try reader.string(0, "disk_cid")
        newSize = try reader.int(1, "new_size")
    }

    /// Encodes `[disk_cid, new_size]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(diskCID), .int(newSize)] }
}

/// `update_disk [disk_cid, new_size, cloud_properties]`; returns the new disk cid, or `nil` when it is unchanged.
public struct UpdateDiskArguments: CPIArguments, Hashable {
    /// `update_disk`
    public static let method = CPIMethod.updateDisk

    /// The disk.
    public var diskCID: String
    /// The new size in MiB.
    public var newSize: Int
    /// The new disk type's cloud properties.
    public var cloudProperties: [String: JSONValue]

    /// Creates the arguments.
    public init(diskCID: String, newSize: Int, cloudProperties: [String: JSONValue]) {
        self.diskCID = diskCID
        self.newSize = newSize
        self.cloudProperties = cloudProperties
    }

    /// Decodes `[disk_cid, new_size, cloud_properties]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        diskCID = try reader.string(0, "disk_cid")
        newSize = try reader.int(1, "new_size")
        cloudProperties = try reader.lenientObject(2, "cloud_properties")
    }

    /// Encodes `[disk_cid, new_size, cloud_properties]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] {
        [.string(diskCID), .int(newSize), .object(cloudProperties)]
    }

    /// Decodes the new cid, `nil` for `null`.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> String? {
        result.isNull ? nil : try ResultReader(method).string(result)
    }

    /// Encodes the new cid or `null`.
    public static func encodeResult(_ result: String?, apiVersion: Int) throws(CPIError) -> JSONValue {
        result.map(JSONValue.string) ?? .null
    }
}
