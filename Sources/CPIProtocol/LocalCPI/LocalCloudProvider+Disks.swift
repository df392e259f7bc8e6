import Foundation

extension LocalCloudProvider {
    /// Creates `disks/<cid>/` with an empty `data/` directory.
    public func createDisk(_ arguments: CreateDiskArguments, context: CPICallContext) async throws -> String {
        guard arguments.size > 0 else {
            throw CPIError.cloudError(message: "Disk size must be positive, got \(arguments.size)")
        }
        let cid = Self.makeCID("disk")
        try store.locked {
            let record = LocalDiskRecord(
                cid: cid, size: arguments.size, cloudProperties: arguments.cloudProperties, attachedTo: nil, metadata: [:]
            )
            try store.createDirectory(at: store.diskDirectory(cid)) { staging in
                try FileManager.default.createDirectory(
                    at: staging.appendingPathComponent("data"), withIntermediateDirectories: false
                )
                try store.write(record, to: staging.appendingPathComponent("disk.json"))
            }
        }
        context.logger.info("created disk", metadata: ["disk_cid": "\(cid)", "size": "\(arguments.size)"])
        return cid
    }

    /// Removes a detached disk; an attached one is refused with `CloudError`.
    public func deleteDisk(_ arguments: DeleteDiskArguments, context: CPICallContext) async throws {
        try store.locked {
            let disk = try store.disk(arguments.cid)
            if let vm = disk.attachedTo {
                throw CPIError.cloudError(message: "Disk '\(disk.cid)' is attached to VM '\(vm)'")
            }
            try store.removeDirectory(at: store.diskDirectory(arguments.cid))
        }
    }

    /// Records the attachment in the disk, the VM and the agent settings; returns `{"path": <data directory>}`.
    public func attachDisk(_ arguments: AttachDiskArguments, context: CPICallContext) async throws -> DiskHint? {
        let hint = DiskHint.properties(["path": .string(store.diskDirectory(arguments.diskCID).appendingPathComponent("data").path)])
        try store.locked {
            var vm = try store.vm(arguments.vmCID)
            var disk = try store.disk(arguments.diskCID)
            if let other = disk.attachedTo, other != vm.cid {
                throw CPIError.cloudError(message: "Disk '\(disk.cid)' is already attached to VM '\(other)'")
            }
            disk.attachedTo = vm.cid
            if !vm.attachedDiskCIDs.contains(disk.cid) { vm.attachedDiskCIDs.append(disk.cid) }
            try updatePersistentDisks(of: vm.cid) { $0[disk.cid] = hint.json }
            try store.write(vm, to: store.vmFile(vm.cid))
            try store.write(disk, to: store.diskFile(disk.cid))
        }
        return hint
    }

    /// Removes the attachment; a disk not attached to that VM gives `DiskNotAttached`.
    public func detachDisk(_ arguments: DetachDiskArguments, context: CPICallContext) async throws {
        try store.locked {
            var vm = try store.vm(arguments.vmCID)
            var disk = try store.disk(arguments.diskCID)
            guard disk.attachedTo == vm.cid else {
                throw CPIError.diskNotAttached(
                    message: "Disk '\(disk.cid)' is not attached to VM '\(vm.cid)'", okToRetry: false
                )
            }
            disk.attachedTo = nil
            vm.attachedDiskCIDs.removeAll { $0 == disk.cid }
            try updatePersistentDisks(of: vm.cid) { $0[disk.cid] = nil }
            try store.write(vm, to: store.vmFile(vm.cid))
            try store.write(disk, to: store.diskFile(disk.cid))
        }
    }

    /// Whether the disk directory exists.
    public func hasDisk(_ arguments: HasDiskArguments, context: CPICallContext) async throws -> Bool {
        FileManager.default.fileExists(atPath: store.diskFile(arguments.cid).path)
    }

    /// The disks attached to the VM.
    public func getDisks(_ arguments: GetDisksArguments, context: CPICallContext) async throws -> [String] {
        try store.vm(arguments.cid).attachedDiskCIDs
    }

    /// Stores the metadata in the disk record.
    public func setDiskMetadata(_ arguments: SetDiskMetadataArguments, context: CPICallContext) async throws {
        try store.locked {
            var disk = try store.disk(arguments.diskCID)
            disk.metadata = arguments.metadata
            try store.write(disk, to: store.diskFile(disk.cid))
        }
    }

    /// Records the new size; shrinking is `NotSupported`.
    public func resizeDisk(_ arguments: ResizeDiskArguments, context: CPICallContext) async throws {
        try store.locked {
            var disk = try store.disk(arguments.diskCID)
            guard arguments.newSize >= disk.size else {
                throw CPIError.notSupported(message: "Disk '\(disk.cid)' cannot shrink from \(disk.size) to \(arguments.newSize) MiB")
            }
            disk.size = arguments.newSize
            try store.write(disk, to: store.diskFile(disk.cid))
        }
    }

    /// Records the new size and cloud properties in place; returns `nil` (the cid is unchanged).
    public func updateDisk(_ arguments: UpdateDiskArguments, context: CPICallContext) async throws -> String? {
        try store.locked {
            var disk = try store.disk(arguments.diskCID)
            disk.size = arguments.newSize
            disk.cloudProperties = arguments.cloudProperties
            try store.write(disk, to: store.diskFile(disk.cid))
        }
        return nil
    }

    /// Copies the disk's data into `snapshots/<cid>/`.
    public func snapshotDisk(_ arguments: SnapshotDiskArguments, context: CPICallContext) async throws -> String {
        let cid = Self.makeCID("snapshot")
        try store.locked {
            let disk = try store.disk(arguments.diskCID)
            try store.createDirectory(at: store.snapshotDirectory(cid)) { staging in
                try FileManager.default.copyItem(
                    at: store.diskDirectory(disk.cid).appendingPathComponent("data"),
                    to: staging.appendingPathComponent("data")
                )
                let record = LocalSnapshotRecord(cid: cid, diskCID: disk.cid, metadata: arguments.metadata)
                try store.write(record, to: staging.appendingPathComponent("snapshot.json"))
            }
        }
        return cid
    }

    /// Removes the snapshot; deleting a missing one succeeds.
    public func deleteSnapshot(_ arguments: DeleteSnapshotArguments, context: CPICallContext) async throws {
        try store.locked { try store.removeDirectory(at: store.snapshotDirectory(arguments.cid)) }
    }

    /// Rewrites `disks.persistent` in a VM's agent settings.
    private func updatePersistentDisks(of vmCID: String, _ change: (inout [String: JSONValue]) -> Void) throws {
        let url = store.settingsFile(vmCID)
        guard case .object(var settings)? = try store.read(JSONValue.self, at: url) else { return }
        var disks = settings["disks"]?.objectValue ?? [:]
        var persistent = disks["persistent"]?.objectValue ?? [:]
        change(&persistent)
        disks["persistent"] = .object(persistent)
        settings["disks"] = .object(disks)
        try store.write(JSONValue.object(settings), to: url)
    }
}
