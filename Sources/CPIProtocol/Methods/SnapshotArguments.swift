/// `snapshot_disk [disk_cid, metadata]`; returns the snapshot cid. `metadata` may be absent or `null`.
public struct SnapshotDiskArguments: CPIMetadataArguments, CPICIDResultArguments, Hashable {
    /// `snapshot_disk`
    public static let method = CPIMethod.snapshotDisk
    /// `disk_cid`
    public static let cidName = "disk_cid"
    /// `true`: the director may leave `metadata` out.
    public static let metadataIsOptional = true

    /// The disk.
    public var diskCID: String
    /// Metadata such as `deployment`, `job`, `index`, `director_name`, `director_uuid`, `agent_id`, `instance_id`.
    public var metadata: [String: JSONValue]

    /// Creates the arguments.
    public init(diskCID: String, metadata: [String: JSONValue] = [:]) {
        self.diskCID = diskCID
        self.metadata = metadata
    }

    /// Creates the arguments.
    public init(cid: String, metadata: [String: JSONValue]) { self.init(diskCID: cid, metadata: metadata) }

    /// The disk.
    public var cid: String { diskCID }
}

/// `delete_snapshot [snapshot_cid]`.
public struct DeleteSnapshotArguments: CPISingleCIDArguments, CPIVoidArguments, Hashable {
    /// `delete_snapshot`
    public static let method = CPIMethod.deleteSnapshot
    /// `snapshot_cid`
    public static let cidName = "snapshot_cid"
    /// The snapshot.
    public var cid: String
    /// Creates the arguments.
    public init(cid: String) { self.cid = cid }
}
