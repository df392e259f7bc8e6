import Foundation

/// What a queued task needs to run, stored with it as JSON (`TaskRecord.payload`).
struct TaskPayload: Codable, Sendable {
    /// An uploaded tarball (stemcell or release) in the state directory's scratch space.
    var path: String?
    /// A tarball named by a `file://` location (read in place, never removed).
    var location: String?
    /// The deployment manifest of a deploy.
    var manifest: String?
    /// The deployment of a delete or an instances/vms listing.
    var deployment: String?
    /// The release of a release deletion.
    var release: String?
    /// The version of a release or stemcell deletion.
    var version: String?
    /// `recreate=true`.
    var recreate: Bool?
    /// `force=true`.
    var force: Bool?
    /// `instances` or `vms`.
    var listing: String?
    /// An instance state change: the state (`started`, `stopped`, `detached`, `restart`, `recreate`).
    var state: String?
    /// The instance group of a state change (`*` or absent: all).
    var group: String?
    /// The instance (id or index) of a state change.
    var instance: String?
    /// `skip_drain=true`.
    var skipDrain: Bool?
    /// A `--no-converge` action: `start`, `stop`, `restart`, `recreate`.
    var action: String?
    /// `hard=true` (stop).
    var hard: Bool?
    /// `ignore_unresponsive_agent=true`.
    var ignoreUnresponsiveAgent: Bool?
    /// cloud-check resolutions by problem id (`""`: the problem's default).
    var resolutions: [String: String]?
    /// The log type of a log fetch (`job`, `agent`, `system` or a comma list).
    var logType: String?
    /// The log filters of a log fetch.
    var filters: [String]?
    /// The stemcell name of a stemcell deletion.
    var stemcell: String?

    var json: String { String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self) }

    static func decode(_ text: String?) -> TaskPayload {
        (try? JSONDecoder().decode(TaskPayload.self, from: Data((text ?? "{}").utf8))) ?? TaskPayload()
    }
}
