import BoshYAML

/// A release's version in a manifest: `latest` or an exact version, kept as the text bosh-cli sends
/// (yaml.v2 reads `version: 1.10` as the number 1.1, so the director sees `1.1`).
public enum ReleaseVersion: Hashable, Sendable, ManifestValue, CustomStringConvertible {
    /// The newest uploaded version.
    case latest
    /// One exact version.
    case exact(String)

    /// Parses a version text.
    public init(_ text: String) { self = text == "latest" ? .latest : .exact(text) }

    public var description: String {
        switch self {
        case .latest: return "latest"
        case .exact(let v): return v
        }
    }

    public static func decode(_ d: NodeDecoder) -> ReleaseVersion? {
        guard d.tree.kind(d.id) == .scalar else {
            d.typeMismatch(expected: "a version")
            return nil
        }
        return ReleaseVersion(d.tree.canonicalText(d.id))
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addString(description) }
}
