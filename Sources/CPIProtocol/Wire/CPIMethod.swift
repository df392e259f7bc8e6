/// The name of a CPI method, as sent in a request's `method` field.
///
/// The static members cover API versions 1–3; any other name can be written as a string literal.
public struct CPIMethod: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The wire name, such as `create_vm`.
    public let rawValue: String

    /// Creates a method name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a method name from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Decodes the method name from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the method name as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The wire name.
    public var description: String { rawValue }

    /// `info`
    public static let info: CPIMethod = "info"
    /// `create_stemcell`
    public static let createStemcell: CPIMethod = "create_stemcell"
    /// `delete_stemcell`
    public static let deleteStemcell: CPIMethod = "delete_stemcell"
    /// `create_vm`
    public static let createVM: CPIMethod = "create_vm"
    /// `delete_vm`
    public static let deleteVM: CPIMethod = "delete_vm"
    /// `has_vm`
    public static let hasVM: CPIMethod = "has_vm"
    /// `reboot_vm`
    public static let rebootVM: CPIMethod = "reboot_vm"
    /// `set_vm_metadata`
    public static let setVMMetadata: CPIMethod = "set_vm_metadata"
    /// `set_disk_metadata`
    public static let setDiskMetadata: CPIMethod = "set_disk_metadata"
    /// `calculate_vm_cloud_properties`
    public static let calculateVMCloudProperties: CPIMethod = "calculate_vm_cloud_properties"
    /// `create_disk`
    public static let createDisk: CPIMethod = "create_disk"
    /// `delete_disk`
    public static let deleteDisk: CPIMethod = "delete_disk"
    /// `attach_disk`
    public static let attachDisk: CPIMethod = "attach_disk"
    /// `detach_disk`
    public static let detachDisk: CPIMethod = "detach_disk"
    /// `has_disk`
    public static let hasDisk: CPIMethod = "has_disk"
    /// `get_disks`
    public static let getDisks: CPIMethod = "get_disks"
    /// `resize_disk`
    public static let resizeDisk: CPIMethod = "resize_disk"
    /// `update_disk`
    public static let updateDisk: CPIMethod = "update_disk"
    /// `snapshot_disk`
    public static let snapshotDisk: CPIMethod = "snapshot_disk"
    /// `delete_snapshot`
    public static let deleteSnapshot: CPIMethod = "delete_snapshot"
}
