/// `snapshot_disk [disk_cid, metadata]`; returns the snapshot cid.
public struct SnapshotDiskArguments: CPICIDResultArguments, Hashable {
    /// `snapshot_disk`
    public static let method = CPIMethod.snapshotDisk

    /// The disk.
    public var diskCID: String
    /// Metadata such as `deployment`, `job`, `index`, `director_name`, `director_uuid`, `agent_id`, `instance_id`.
    public var metadata: [String: JSONValue]

    /// Creates the arguments.
    public init(diskCID: String, metadata: [String: JSONValue] = [:]) {
        self.diskCID = diskCID
        self.metadata = metadata
    }

    /// Decodes `[disk_cid, metadata]`; `metadata` may be absent or `null`.
    public init(arguments: [JSONValue], apiVersion: Int) throws(CPIError) {
        let reader = ArgumentReader(Self.method, arguments)
        diskCID = try reader.string(0, "disk_cid")
        metadata = try reader.lenientObject(1, "metadata")
    }

    /// Encodes `[disk_cid, metadata]`.
    public func encodedArguments(apiVersion: Int) -> [JSONValue] { [.string(diskCID), .object(metadata)] }
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
