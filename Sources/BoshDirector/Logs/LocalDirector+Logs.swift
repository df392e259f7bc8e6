import AgentProtocol
import BoshArchive
import BoshDirectorStore
import Foundation

extension LocalDirector {
    /// How long a log bundle stays in the blobstore (the director's log bundle cleaner keeps 10 days).
    static let logBundleLifetime: TimeInterval = 10 * 24 * 3600

    /// Fetches the logs of the instances `group` (`*`: all) and `instance` (`*`: all; an id or an index) select
    /// that have a VM (`bosh logs`, the director's fetch logs job): each agent packs its logs of `type` (`job`,
    /// `agent`, `system` or a comma list) matching `filters` into the blobstore; several instances' bundles are
    /// packed together as `GROUP.UUID.YYYY-MM-DD-HH-MM-SS.tgz`. Bundles older than 10 days are removed first.
    /// - Returns: the blobstore id of the bundle, the task's result (`GET /resources/ID` serves it).
    /// - Throws: ``DirectorError`` when no instance with a VM matches or an agent fails.
    public func fetchLogs(
        deployment name: String, group: String, instance: String, type: LogType, filters: [String]?, output: TaskOutput
    ) async throws -> String {
        try await removeExpiredLogBundles()
        guard let record = try await store.deployment(name) else { throw DirectorError("Deployment '\(name)' doesn't exist") }
        let selected = Self.logInstances(record, group: group, instance: instance)
        guard !selected.isEmpty else {
            throw DirectorError("No appropriate instance with a VM was found in deployment '\(name)'")
        }
        // An agent names the blob it wrote; one the director uses for anything else is refused (a VM knows its
        // packages' blob ids and must not get them served or deleted as logs).
        var used = Set(try await store.releases().flatMap { $0.jobs + $0.packages }.map(\.blobstoreID))
        used.formUnion(try await store.compiledPackages().map(\.blobstoreID))
        var bundles: [(instance: InstanceRecord, blob: String)] = []
        do {
            for target in selected {
                guard let agent = target.agentID else { continue }
                let blob = try await output.track("Fetching logs for \(target.displayName)", task: "Finding and packing log files") {
                    let logs = try await agents.fetchLogs(agent, type: type, filters: filters)
                    guard let id = logs.blobstoreID, !id.isEmpty else {
                        throw DirectorError("Agent didn't return a blobstore object id for packaged logs")
                    }
                    guard !used.contains(id), (try? await store.isEphemeralBlob(id)) != true, blobstore.contains(id) else {
                        throw DirectorError("Agent didn't return a valid blobstore object id for packaged logs")
                    }
                    return id
                }
                bundles.append((target, blob))
            }
            if bundles.count == 1 {
                try await store.addEphemeralBlob(bundles[0].blob, sha1: "", kind: "logs")
                return bundles[0].blob
            }
            let packed = bundles
            let bundle = try await output.track("Fetching group of logs", task: "Packing log files together") {
                let combined = try await BlockingIO.run { [blobstore, layout] in
                    try Self.pack(packed, blobstore: blobstore, scratch: layout.temporaryDirectory)
                }
                defer { try? FileManager.default.removeItem(atPath: combined) }
                let stored = try await blobstore.put(file: combined)
                try await store.addEphemeralBlob(stored.blobstoreID, sha1: stored.sha1, kind: "logs")
                return stored.blobstoreID
            }
            for part in bundles { try? blobstore.delete(part.blob) }
            return bundle
        } catch {
            // The bundles fetched before the failure are nobody's.
            for part in bundles { try? blobstore.delete(part.blob) }
            throw error
        }
    }

    /// The instances with a VM that `group` and `instance` (`*` for all; an id or an index) select: those
    /// ``fetchLogs(deployment:group:instance:type:filters:output:)`` fetches from.
    public static func logInstances(_ record: DeploymentRecord, group: String, instance: String) -> [InstanceRecord] {
        record.instances.filter { candidate in
            candidate.vmCID != nil && candidate.agentID != nil && (group == "*" || candidate.group == group)
                && (instance == "*" || candidate.id == instance || "\(candidate.index)" == instance)
        }
    }

    /// One tgz holding each bundle as `GROUP.UUID.<time>.tgz`.
    private static func pack(
        _ bundles: [(instance: InstanceRecord, blob: String)], blobstore: LocalBlobstore, scratch: String
    ) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd-HH-mm-ss"
        let stamp = formatter.string(from: Date())
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path = scratch + "/logs-\(UUID().uuidString.lowercased()).tgz"
        do {
            let tar = TarWriter(try GzipWriter(try FileByteSink(path: path)))
            for bundle in bundles {
                let source = try blobstore.filePath(bundle.blob)
                let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)?.int64Value ?? 0
                let reader = try FileByteSource(path: source)
                try tar.addFile("\(bundle.instance.group).\(bundle.instance.id).\(stamp).tgz", size: size) { write in
                    var remaining = size
                    var buffer = [UInt8](repeating: 0, count: 1 << 20)
                    while remaining > 0 {
                        let wanted = Int(min(remaining, Int64(buffer.count)))
                        let count = try buffer.withUnsafeMutableBytes { try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<wanted])) }
                        guard count > 0 else { break }
                        remaining -= Int64(count)
                        try write(Array(buffer[0..<count]))
                    }
                    if remaining != 0 { throw DirectorError("Log bundle '\(bundle.blob)' changed while it was packed") }
                }
            }
            try tar.finish()
            return path
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Deletes log bundles older than ``logBundleLifetime``.
    func removeExpiredLogBundles() async throws {
        for id in try await store.removeEphemeralBlobs(kind: "logs", olderThan: Date().addingTimeInterval(-Self.logBundleLifetime)) {
            do { try blobstore.delete(id) } catch {
                logger.warning("deleting an expired log bundle failed", metadata: ["blobstore_id": "\(id)", "error": "\(error)"])
            }
        }
    }
}
