import BoshYAML

/// A manifest map with typed fields: its schema drives both reading and writing, and keys it does not
/// know are kept in ``extra`` so a document read and written loses nothing.
public protocol ManifestObject: ManifestValue, Hashable {
    /// An empty value, filled in field by field while decoding.
    init()
    /// The fields, in the order they are written.
    static var fields: [ManifestField<Self>] { get }
    /// Keys the model does not know, with their values, in document order.
    var extra: ExtraKeys { get set }
    /// Checks that need several fields at once (runs after the fields are read).
    static func check(_ value: Self, _ decoder: NodeDecoder)
}

extension ManifestObject {
    public static func check(_ value: Self, _ decoder: NodeDecoder) {}

    public static func decode(_ d: NodeDecoder) -> Self? {
        guard d.tree.kind(d.id) == .mapping else {
            if d.isVariable {
                d.problem("expected a map, got variable \(d.tree.text(d.id)); interpolate variables first")
            } else {
                d.typeMismatch(expected: "a map")
            }
            return nil
        }
        var value = Self()
        let fields = Self.fields
        for field in fields { field.decode(&value, d) }
        var extra: [(String, YAMLNode)] = []
        for (key, node) in d.tree.entries(d.id) {
            let matched = d.tree.withScalarBytes(key) { bytes in
                fields.contains { $0.matches(bytes) }
            }
            if !matched { extra.append((d.tree.canonicalText(key), YAMLNode(tree: d.tree, id: node))) }
        }
        value.extra = ExtraKeys(extra)
        check(value, d)
        return value
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID {
        var entries: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)] = []
        for field in Self.fields {
            if let valueID = field.encode(self, &tree) { entries.append((tree.addString(field.key), valueID)) }
        }
        for (key, node) in extra.entries { entries.append((tree.addString(key), node.encode(into: &tree))) }
        return tree.addMapping(entries)
    }

    /// The value written as a YAML tree (its root is the value's map).
    public func yamlTree(file: String = "<manifest>") -> YAMLTree {
        var tree = YAMLTree(file: file)
        let root = encode(into: &tree)
        tree.setRoot(root)
        return tree
    }
}

/// One typed field of a ``ManifestObject``.
public struct ManifestField<Root>: @unchecked Sendable {
    /// The YAML key.
    public let key: String
    private let keyBytes: [UInt8]
    let decode: (inout Root, NodeDecoder) -> Void
    let encode: (Root, inout YAMLTree) -> YAMLTree.NodeID?

    private init(key: String, decode: @escaping (inout Root, NodeDecoder) -> Void, encode: @escaping (Root, inout YAMLTree) -> YAMLTree.NodeID?) {
        self.key = key
        self.keyBytes = Array(key.utf8)
        self.decode = decode
        self.encode = encode
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == keyBytes.count && bytes.elementsEqual(keyBytes)
    }

    /// A key that must be present.
    public static func required<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V>) -> ManifestField {
        ManifestField(
            key: key,
            decode: { root, d in if let v: V = d.decode(key, required: true) { root[keyPath: path] = v } },
            encode: { root, tree in root[keyPath: path].encode(into: &tree) })
    }

    /// A key that may be absent.
    public static func optional<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V?>) -> ManifestField {
        ManifestField(
            key: key,
            decode: { root, d in root[keyPath: path] = d.decode(key) },
            encode: { root, tree in root[keyPath: path].map { $0.encode(into: &tree) } })
    }
}

/// Keys a model does not know, with their values, in document order.
public struct ExtraKeys: Hashable, Sendable {
    /// The entries.
    public var entries: [(key: String, value: YAMLNode)]

    /// Wraps entries.
    public init(_ entries: [(String, YAMLNode)] = []) { self.entries = entries.map { (key: $0.0, value: $0.1) } }

    /// The value of an unknown key.
    public subscript(key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

    /// Whether there are none.
    public var isEmpty: Bool { entries.isEmpty }

    public static func == (lhs: ExtraKeys, rhs: ExtraKeys) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for e in entries { hasher.combine(e.key) }
    }
}
