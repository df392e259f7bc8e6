import BoshYAML

/// A manifest map with typed fields: its schema drives both reading and writing, and keys it does not
/// know are kept in ``extra`` so a document read and written loses nothing.
public protocol ManifestObject: ManifestValue, Hashable, Codable {
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
        let d = d.withPath  // its fields' decoders share its path
        var value = Self()
        let fields = Self.fields
        let tree = d.tree
        // One pass over the entries: each key is matched against the fields once (the value of a field is its
        // first key with those bytes, as `NodeDecoder.child` finds it), the others are kept in document order.
        var extra: [(String, YAMLNode)] = []
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: fields.count) { values in
            values.initialize(repeating: -1)
            for (key, node) in tree.entries(d.id) {
                let field = tree.withScalarBytes(key) { bytes in fields.firstIndex { $0.matches(bytes) } }
                if let field {
                    if values[field] < 0 { values[field] = Int32(truncatingIfNeeded: node.index) }
                } else {
                    extra.append((tree.canonicalText(key), YAMLNode(tree: tree, id: node)))
                }
            }
            for f in fields.indices {
                fields[f].decode(&value, d, values[f] < 0 ? nil : YAMLTree.NodeID(values[f]))
            }
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

    /// Encodes the known fields under their YAML names, then the unknown keys (JSON output, for example).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for field in Self.fields { try field.encodeValue(self, &container) }
        for (key, value) in extra.entries { try container.encode(value, forKey: FieldKey(key)) }
    }

    /// Decodes through the schema when the decoder reads a ``YAMLTree`` (``YAMLDecoder``), collecting every
    /// problem; throws ``ManifestError`` listing them.
    public init(from decoder: any Decoder) throws {
        guard let yaml = decoder as? any YAMLTreeDecoding else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "BoshKit manifests decode from YAML with YAMLDecoder"))
        }
        var path = ManifestPath.root
        for key in decoder.codingPath {
            path = key.intValue.map { path.appending(index: $0) } ?? path.appending(key: key.stringValue)
        }
        let sink = ProblemSink()
        let value = Self.decode(NodeDecoder(tree: yaml.node.tree, id: yaml.node.id, path: path, sink: sink))
        guard let value, sink.problems.isEmpty else { throw ManifestError.invalid(sink.problems, file: yaml.node.file) }
        self = value
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
    /// The key's length and first 8 bytes, so most keys that differ are told apart without touching `keyBytes`.
    private let keyCount: Int
    private let keyPrefix: UInt64
    /// Reads the field into the root from the value of its key (`nil`: the key is absent).
    let decode: (inout Root, NodeDecoder, YAMLTree.NodeID?) -> Void
    let encode: (Root, inout YAMLTree) -> YAMLTree.NodeID?
    let encodeValue: (Root, inout KeyedEncodingContainer<FieldKey>) throws -> Void

    private init(
        key: String, decode: @escaping (inout Root, NodeDecoder, YAMLTree.NodeID?) -> Void,
        encode: @escaping (Root, inout YAMLTree) -> YAMLTree.NodeID?,
        encodeValue: @escaping (Root, inout KeyedEncodingContainer<FieldKey>) throws -> Void
    ) {
        self.key = key
        self.keyBytes = Array(key.utf8)
        self.keyCount = keyBytes.count
        self.keyPrefix = keyBytes.withUnsafeBufferPointer { Self.prefix($0) }
        self.decode = decode
        self.encode = encode
        self.encodeValue = encodeValue
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == keyCount, Self.prefix(bytes) == keyPrefix else { return false }
        return keyCount <= 8 || bytes.elementsEqual(keyBytes)
    }

    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<min(bytes.count, 8) { v |= UInt64(bytes[i]) << (8 * i) }
        return v
    }

    /// A key that must be present.
    public static func required<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V>) -> ManifestField {
        ManifestField(
            key: key,
            decode: { root, d, value in if let v: V = d.decode(key, value: value, required: true) { root[keyPath: path] = v } },
            encode: { root, tree in root[keyPath: path].encode(into: &tree) },
            encodeValue: { root, c in try c.encode(root[keyPath: path], forKey: FieldKey(key)) })
    }

    /// A key that may be absent.
    public static func optional<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V?>) -> ManifestField {
        ManifestField(
            key: key,
            decode: { root, d, value in root[keyPath: path] = d.decode(key, value: value) },
            encode: { root, tree in root[keyPath: path].map { $0.encode(into: &tree) } },
            encodeValue: { root, c in try c.encodeIfPresent(root[keyPath: path], forKey: FieldKey(key)) })
    }
}

/// A field name as a coding key.
public struct FieldKey: CodingKey {
    public let stringValue: String
    public var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
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
