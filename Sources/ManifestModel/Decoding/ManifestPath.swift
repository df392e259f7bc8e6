/// A location in a manifest in go-patch pointer form: `/instance_groups/name=web/networks/0`.
///
/// Items of arrays of named maps are addressed by `name=value`, as go-patch and BOSH users write them.
public final class ManifestPath: Sendable, CustomStringConvertible {
    private let parent: ManifestPath?
    private let segment: String

    /// The document root, `/`.
    public static let root = ManifestPath(parent: nil, segment: "")

    private init(parent: ManifestPath?, segment: String) {
        self.parent = parent
        self.segment = segment
    }

    /// The path of a key under this one (`~` and `/` escaped as `~0` and `~1`).
    public func appending(key: String) -> ManifestPath {
        ManifestPath(parent: self, segment: Self.escape(key))
    }

    /// The path of an array item, by index.
    public func appending(index: Int) -> ManifestPath {
        ManifestPath(parent: self, segment: String(index))
    }

    /// The path of an array item, by its `name`.
    public func appending(name: String) -> ManifestPath {
        ManifestPath(parent: self, segment: "name=" + Self.escape(name))
    }

    /// The pointer text.
    public var description: String {
        var segments: [String] = []
        var node: ManifestPath? = self
        while let current = node, current.parent != nil {
            segments.append(current.segment)
            node = current.parent
        }
        return segments.isEmpty ? "/" : "/" + segments.reversed().joined(separator: "/")
    }

    private static func escape(_ s: String) -> String {
        guard s.contains("~") || s.contains("/") else { return s }
        var out = ""
        for c in s {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }
}
