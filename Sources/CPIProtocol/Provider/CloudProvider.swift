/// What a CPI author implements: one async method per CPI method, each taking its arguments and a context.
///
/// ``info(_:context:)`` is required: it names the stemcell formats the CPI accepts, which only the CPI knows, and
/// a provider without it does not compile (so a misspelt `info` cannot silently report no formats). Every other
/// method has a default that throws ``CPIError/notImplemented(message:okToRetry:)``. Implement what your
/// infrastructure supports and run the provider with
/// ``CPIMain/run(_:logLevel:maximumRequestSize:)``. Throw a ``CPIError`` to choose the error type the director sees;
/// any other error is reported as `Bosh::Clouds::CloudError` with the error's description as message.
///
/// Results whose shape depends on the API version (`create_vm`, `attach_disk`) are encoded by the scaffold from
/// the request's `api_version`: return the full ``CreateVMResult`` and a ``DiskHint`` always.
public protocol CloudProvider: Sendable {
    /// The highest contract version implemented: 2, or 3 when `create_stemcell` reads its `env` argument.
    /// Requests with a higher `api_version` are answered with `NotSupported`. Defaults to 2.
    var maximumAPIVersion: Int { get }

    /// `info`: the contract version and stemcell formats. Directors call it before anything else.
    ///
    /// Required (no default). Report ``maximumAPIVersion`` and your formats:
    /// `CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: ["aws-light"])`.
    func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo
    /// `create_stemcell`: imports an image, returns its cid.
    func createStemcell(_ arguments: CreateStemcellArguments, context: CPICallContext) async throws -> String
    /// `delete_stemcell`.
    func deleteStemcell(_ arguments: DeleteStemcellArguments, context: CPICallContext) async throws
    /// `create_vm`: boots a VM whose agent answers to `agent_id`; returns its cid and networks.
    func createVM(_ arguments: CreateVMArguments, context: CPICallContext) async throws -> CreateVMResult
    /// `delete_vm`: must succeed with persistent disks still attached.
    func deleteVM(_ arguments: DeleteVMArguments, context: CPICallContext) async throws
    /// `has_vm`.
    func hasVM(_ arguments: HasVMArguments, context: CPICallContext) async throws -> Bool
    /// `reboot_vm`.
    func rebootVM(_ arguments: RebootVMArguments, context: CPICallContext) async throws
    /// `set_vm_metadata`.
    func setVMMetadata(_ arguments: SetVMMetadataArguments, context: CPICallContext) async throws
    /// `set_disk_metadata`.
    func setDiskMetadata(_ arguments: SetDiskMetadataArguments, context: CPICallContext) async throws
    /// `calculate_vm_cloud_properties`: cloud properties for a VM with the given resources.
    func calculateVMCloudProperties(
        _ arguments: CalculateVMCloudPropertiesArguments, context: CPICallContext
    ) async throws -> [String: JSONValue]
    /// `create_disk`: returns the disk cid.
    func createDisk(_ arguments: CreateDiskArguments, context: CPICallContext) async throws -> String
    /// `delete_disk`.
    func deleteDisk(_ arguments: DeleteDiskArguments, context: CPICallContext) async throws
    /// `attach_disk`: returns where the agent finds the disk (required from API version 2).
    func attachDisk(_ arguments: AttachDiskArguments, context: CPICallContext) async throws -> DiskHint?
    /// `detach_disk`.
    func detachDisk(_ arguments: DetachDiskArguments, context: CPICallContext) async throws
    /// `has_disk`.
    func hasDisk(_ arguments: HasDiskArguments, context: CPICallContext) async throws -> Bool
    /// `get_disks`: the cids of the disks attached to a VM.
    func getDisks(_ arguments: GetDisksArguments, context: CPICallContext) async throws -> [String]
    /// `resize_disk`: throw ``CPIError/notSupported(message:okToRetry:)`` to let the director copy instead.
    func resizeDisk(_ arguments: ResizeDiskArguments, context: CPICallContext) async throws
    /// `update_disk`: returns a new disk cid, or `nil` when the disk kept its cid.
    func updateDisk(_ arguments: UpdateDiskArguments, context: CPICallContext) async throws -> String?
    /// `snapshot_disk`: returns the snapshot cid.
    func snapshotDisk(_ arguments: SnapshotDiskArguments, context: CPICallContext) async throws -> String
    /// `delete_snapshot`.
    func deleteSnapshot(_ arguments: DeleteSnapshotArguments, context: CPICallContext) async throws
}

extension CloudProvider {
    /// 2.
    public var maximumAPIVersion: Int { 2 }

    private func notImplemented(_ context: CPICallContext) -> CPIError {
        .notImplemented(message: "Method '\(context.method)' is not implemented by this CPI")
    }

    /// Throws `NotImplemented`.
    public func createStemcell(_ arguments: CreateStemcellArguments, context: CPICallContext) async throws -> String {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func deleteStemcell(_ arguments: DeleteStemcellArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func createVM(_ arguments: CreateVMArguments, context: CPICallContext) async throws -> CreateVMResult {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func deleteVM(_ arguments: DeleteVMArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func hasVM(_ arguments: HasVMArguments, context: CPICallContext) async throws -> Bool {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func rebootVM(_ arguments: RebootVMArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func setVMMetadata(_ arguments: SetVMMetadataArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func setDiskMetadata(_ arguments: SetDiskMetadataArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func calculateVMCloudProperties(
        _ arguments: CalculateVMCloudPropertiesArguments, context: CPICallContext
    ) async throws -> [String: JSONValue] {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func createDisk(_ arguments: CreateDiskArguments, context: CPICallContext) async throws -> String {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func deleteDisk(_ arguments: DeleteDiskArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func attachDisk(_ arguments: AttachDiskArguments, context: CPICallContext) async throws -> DiskHint? {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func detachDisk(_ arguments: DetachDiskArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func hasDisk(_ arguments: HasDiskArguments, context: CPICallContext) async throws -> Bool {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func getDisks(_ arguments: GetDisksArguments, context: CPICallContext) async throws -> [String] {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func resizeDisk(_ arguments: ResizeDiskArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func updateDisk(_ arguments: UpdateDiskArguments, context: CPICallContext) async throws -> String? {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func snapshotDisk(_ arguments: SnapshotDiskArguments, context: CPICallContext) async throws -> String {
        throw notImplemented(context)
    }
    /// Throws `NotImplemented`.
    public func deleteSnapshot(_ arguments: DeleteSnapshotArguments, context: CPICallContext) async throws {
        throw notImplemented(context)
    }
}
