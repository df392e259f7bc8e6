extension CPIMethod {
    /// The methods of API versions 1 to 3, in the order of the CPI documentation.
    public static let allKnown: [CPIMethod] = [
        .info, .createStemcell, .deleteStemcell, .createVM, .deleteVM, .hasVM, .rebootVM, .setVMMetadata,
        .setDiskMetadata, .calculateVMCloudProperties, .createDisk, .deleteDisk, .attachDisk, .detachDisk, .hasDisk,
        .getDisks, .resizeDisk, .updateDisk, .snapshotDisk, .deleteSnapshot,
    ]

    /// The typed arguments of this method, `nil` for a method outside ``allKnown``.
    public var argumentsType: (any CPIArguments.Type)? {
        switch self {
        case .info: return InfoArguments.self
        case .createStemcell: return CreateStemcellArguments.self
        case .deleteStemcell: return DeleteStemcellArguments.self
        case .createVM: return CreateVMArguments.self
        case .deleteVM: return DeleteVMArguments.self
        case .hasVM: return HasVMArguments.self
        case .rebootVM: return RebootVMArguments.self
        case .setVMMetadata: return SetVMMetadataArguments.self
        case .setDiskMetadata: return SetDiskMetadataArguments.self
        case .calculateVMCloudProperties: return CalculateVMCloudPropertiesArguments.self
        case .createDisk: return CreateDiskArguments.self
        case .deleteDisk: return DeleteDiskArguments.self
        case .attachDisk: return AttachDiskArguments.self
        case .detachDisk: return DetachDiskArguments.self
        case .hasDisk: return HasDiskArguments.self
        case .getDisks: return GetDisksArguments.self
        case .resizeDisk: return ResizeDiskArguments.self
        case .updateDisk: return UpdateDiskArguments.self
        case .snapshotDisk: return SnapshotDiskArguments.self
        case .deleteSnapshot: return DeleteSnapshotArguments.self
        default: return nil
        }
    }
}
