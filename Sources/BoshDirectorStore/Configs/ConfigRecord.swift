import Foundation

/// One version of a config (`cloud`, `runtime`, `cpi` or another type), as `bosh configs` lists it.
public struct ConfigRecord: Sendable, Hashable {
    /// The config's id (every update makes a new one; ids are strings in the API).
    public var id: Int
    /// `cloud`, `runtime`, `cpi`…
    public var type: String
    /// Its name (`default` unless named).
    public var name: String
    /// The YAML text.
    public var content: String
    /// When this version was stored.
    public var createdAt: Date
    /// The team, if any.
    public var team: String?
    /// Whether it was deleted.
    public var isDeleted: Bool
}
