/// Where the agent finds an attached disk: the `attach_disk` result from API version 2.
///
/// Either a device path (`"/dev/sdf"`) or an object such as `{"path": "/dev/sdf"}`, `{"volume_id": "3"}` or
/// `{"lun": "0", "host_device_id": "…"}`. The director rejects a missing or empty hint.
public enum DiskHint: Sendable, Hashable {
    /// A device path.
    case path(String)
    /// An object of IaaS-specific keys.
    case properties([String: JSONValue])

    /// Reads a hint from a string or an object; `nil` for anything else, `null` included.
    ///
    /// The package's own decoder: `CPIProtocol` builds its throwing `init?(json:)` on it and `AgentProtocol`
    /// reads hints from requests and settings with it.
    package init?(stringOrObject json: JSONValue) {
        switch json {
        case .string(let path): self = .path(path)
        case .object(let members): self = .properties(members)
        default: return nil
        }
    }

    /// The hint as JSON.
    public var json: JSONValue {
        switch self {
        case .path(let path): return .string(path)
        case .properties(let members): return .object(members)
        }
    }

    /// Whether the director would reject the hint as empty (`""` or `{}`).
    public var isEmpty: Bool {
        switch self {
        case .path(let path): return path.isEmpty
        case .properties(let members): return members.isEmpty
        }
    }
}
