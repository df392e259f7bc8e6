/// A location in a manifest in go-patch pointer form: `/instance_groups/name=web/networks/0`.
///
/// Items of arrays of named maps are addressed by `name=value`, as go-patch and BOSH users write them.
public final class ManifestPath: Sendable, CustomStringConvertible {
    private let parent: ManifestPath?
    private let segment: String
    private let escaped: Bool
    private let named: Bool

    /// The document root, `/`.
    public static let root = ManifestPath(parent: nil, segment: "", escaped: true)

    private init(parent: ManifestPath?, segment: String, escaped: Bool, named: Bool = false) {
        self.parent = parent
        self.segment = segment
        self.escaped = escaped
        self.named = named
    }

    private var text: String {
        let s = escaped ? segment : Self.escape(segment)
        return named ? "name=" + s : s
    }

    /// The path of a key under this one (`~` and `/` escaped as `~0` and `~1`).
    public func appending(key: String) -> ManifestPath {
        ManifestPath(parent: self, segment: key, escaped: false)
    }

    /// The path of an array item, by index.
    public func appending(index: Int) -> ManifestPath {
        ManifestPath(parent: self, segment: String(index), escaped: true)
    }

    /// The path of an array item, by its `name`.
    public func appending(name: String) -> ManifestPath {
        ManifestPath(parent: self, segment: name, escaped: false, named: true)
    }

    /// The pointer text.
    public var description: String {
        var segments: [String] = []
        var node: ManifestPath? = self
        while let current = node, current.parent != nil {
            segments.append(current.text)
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
