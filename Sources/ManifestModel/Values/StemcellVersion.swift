import BoshYAML

/// A stemcell version requirement: `latest`, the latest of a line (`621.latest`), or exact (`621.74`).
public enum StemcellVersion: Hashable, Sendable, ManifestValue, CustomStringConvertible {
    /// The newest uploaded stemcell.
    case latest
    /// The newest uploaded stemcell whose version starts with this prefix and a dot (`621` for `621.latest`).
    case latestOf(String)
    /// One exact version.
    case exact(String)

    /// Parses a version text.
    public init(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if text.hasSuffix(".latest") {
            self = .latestOf(String(text.dropLast(".latest".count)))
        } else {
            self = .exact(text)
        }
    }

    /// Whether an uploaded version satisfies this requirement (not considering "newest").
    public func admits(_ version: String) -> Bool {
        switch self {
        case .latest: return true
        case .latestOf(let prefix): return version == prefix || version.hasPrefix(prefix + ".")
        case .exact(let v): return version == v
        }
    }

    public var description: String {
        switch self {
        case .latest: return "latest"
        case .latestOf(let p): return p + ".latest"
        case .exact(let v): return v
        }
    }

    public static func decode(_ d: NodeDecoder) -> StemcellVersion? {
        guard d.tree.kind(d.id) == .scalar else {
            d.typeMismatch(expected: "a version")
            return nil
        }
        return StemcellVersion(d.tree.canonicalText(d.id))
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addString(description) }
}
