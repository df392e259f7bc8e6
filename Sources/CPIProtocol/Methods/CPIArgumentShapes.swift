/// Arguments that are one cloud id, `[cid]`: `delete_vm`, `has_vm`, `reboot_vm`, `delete_disk`, `has_disk`,
/// `get_disks` and `delete_snapshot`. Conforming types get the argument coding for free.
public protocol CPISingleCIDArguments: CPIArguments {
    /// The parameter's name in error messages, such as `vm_cid`.
    static var cidName: String { get }
    /// The cloud id.
    var cid: String { get }
    /// Creates the arguments from the cloud id.
    init(cid: String)
}

extension CPISingleCIDArguments {
    /// Decodes `[cid]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        self.init(cid: try ArgumentReader(Self.method, arguments).string(0, Self.cidName))
    }

    /// Encodes `[cid]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(cid)] }
}

/// Arguments that are `[vm_cid, disk_cid]`: `attach_disk` and `detach_disk`.
public protocol CPIVMDiskArguments: CPIArguments {
    /// The VM.
    var vmCID: String { get }
    /// The disk.
    var diskCID: String { get }
    /// Creates the arguments.
    init(vmCID: String, diskCID: String)
}

extension CPIVMDiskArguments {
    /// Decodes `[vm_cid, disk_cid]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        self.init(vmCID: try reader.string(0, "vm_cid"), diskCID: try reader.string(1, "disk_cid"))
    }

    /// Encodes `[vm_cid, disk_cid]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(vmCID), .string(diskCID)] }
}

/// Arguments that are `[cid, metadata]`: `set_vm_metadata`, `set_disk_metadata` and `snapshot_disk`.
public protocol CPIMetadataArguments: CPIArguments {
    /// The parameter's name in error messages, such as `vm_cid`.
    static var cidName: String { get }
    /// Whether `metadata` may be absent or `null` (read as empty).
    static var metadataIsOptional: Bool { get }
    /// The cloud id.
    var cid: String { get }
    /// The metadata.
    var metadata: [String: JSONValue] { get }
    /// Creates the arguments.
    init(cid: String, metadata: [String: JSONValue])
}

extension CPIMetadataArguments {
    /// `false`: `metadata` is required.
    public static var metadataIsOptional: Bool { false }

    /// Decodes `[cid, metadata]`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        let cid = try reader.string(0, Self.cidName)
        let metadata = Self.metadataIsOptional ? try reader.lenientObject(1, "metadata") : try reader.object(1, "metadata")
        self.init(cid: cid, metadata: metadata)
    }

    /// Encodes `[cid, metadata]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(cid), .object(metadata)] }
}

/// Results that are a boolean: `has_vm` and `has_disk`.
public protocol CPIBoolResultArguments: CPIArguments where Result == Bool {}

extension CPIBoolResultArguments {
    /// Decodes the boolean.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> Bool {
        try ResultReader(method).bool(result)
    }

    /// Encodes the boolean.
    public static func encodeResult(_ result: Bool, apiVersion: Int) throws(CPIError) -> JSONValue { .bool(result) }
}

/// Results that are a cloud id string: `create_stemcell`, `create_disk` and `snapshot_disk`.
public protocol CPICIDResultArguments: CPIArguments where Result == String {}

extension CPICIDResultArguments {
    /// Decodes the cloud id.
    public static func decodeResult(_ result: JSONValue, apiVersion: Int) throws(CPIError) -> String {
        try ResultReader(method).string(result)
    }

    /// Encodes the cloud id.
    public static func encodeResult(_ result: String, apiVersion: Int) throws(CPIError) -> JSONValue { .string(result) }
}
