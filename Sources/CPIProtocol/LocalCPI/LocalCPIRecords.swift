/// What the local CPI stores about a stemcell: `stemcells/<cid>.json`.
struct LocalStemcellRecord: Codable, Sendable {
    var cid: String
    var sha256: String
    var imagePath: String
    var cloudProperties: [String: JSONValue]
    var tags: [String: String]
}

/// What the local CPI stores about a VM: `vms/<cid>/vm.json`, next to the agent's `settings.json`.
struct LocalVMRecord: Codable, Sendable {
    var cid: String
    var agentID: String
    var stemcellCID: String
    var cloudProperties: [String: JSONValue]
    var networks: JSONValue
    var env: [String: JSONValue]
    var attachedDiskCIDs: [String]
    var metadata: [String: JSONValue]
    var agent: LocalAgentProcess?
    var createdAt: String
}

/// What the local CPI stores about a disk: `disks/<cid>/disk.json`; the disk's contents are `disks/<cid>/data/`.
struct LocalDiskRecord: Codable, Sendable {
    var cid: String
    var size: Int
    var cloudProperties: [String: JSONValue]
    var attachedTo: String?
    var metadata: [String: JSONValue]
}

/// What the local CPI stores about a snapshot: `snapshots/<cid>/snapshot.json` with a copy of the disk's data.
struct LocalSnapshotRecord: Codable, Sendable {
    var cid: String
    var diskCID: String
    var metadata: [String: JSONValue]
}
