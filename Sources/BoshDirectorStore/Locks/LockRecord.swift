import Foundation

/// A held lock, as `bosh locks` shows it.
public struct LockRecord: Sendable, Hashable {
    /// `lock:<type>:<resource…>`, e.g. `lock:deployment:web`.
    public var name: String
    /// Who took it (a random id per acquisition).
    public var uid: String
    /// The task holding it.
    public var taskID: String
    /// `host:pid` of the holding process.
    public var owner: String
    /// What the holder does.
    public var description: String
    /// When it expires unless renewed.
    public var expiresAt: Date

    /// The lock's type: `deployment`, `release`, `stemcells`, `compile`…
    public var type: String {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : name
    }

    /// The locked resource, split as bosh lists it (`["web"]`).
    public var resource: [String] {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 2 ? parts.dropFirst(2).map(String.init) : []
    }

    /// The lock name of a deployment.
    public static func deployment(_ name: String) -> String { "lock:deployment:\(name)" }

    /// The lock name of a release.
    public static func release(_ name: String) -> String { "lock:release:\(name)" }

    /// The lock name of a stemcell version.
    public static func stemcell(_ name: String, version: String) -> String { "lock:stemcells:\(name):\(version)" }
}
