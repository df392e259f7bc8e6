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
        var value = Self()
        let tree = d.tree
        var extra: [(String, YAMLNode)] = []
        let fieldDecoder = Self.fields.withUnsafeBufferPointer { fields in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: fields.count) { values in
                values.initialize(repeating: FieldValues.absent)
                // One pass over the entries: each key is matched against the fields once (the value of a field is
                // its first key with those bytes, as `NodeDecoder.child` finds it), the others are kept in document
                // order.
                for (key, node) in tree.entries(d.id) {
                    let field = tree.withScalarBytes(key) { bytes in
                        let prefix = ManifestField<Self>.prefix(bytes)
                        var f = 0
                        while f < fields.count, !fields[f].matches(bytes, prefix: prefix) { f += 1 }
                        return f
                    }
                    if field < fields.count {
                        if values[field] == FieldValues.absent { values[field] = Int32(truncatingIfNeeded: node.index) }
                    } else {
                        extra.append((tree.canonicalText(key), YAMLNode(tree: tree, id: node)))
                    }
                }
                // The fields their shortcut reads first (they record no problem, so the order of the problems
                // stays that of the fields); the others share one decoder, with the map's path built only when
                // one of them has a value to read (most maps of cf-deployment have none).
                var needsPath = false
                for f in 0..<fields.count {
                    let node = FieldValues.node(values[f])
                    if fields[f].shortcut.read(node, of: tree, into: &value) {
                        values[f] = FieldValues.read
                    } else if node != nil {
                        needsPath = true
                    }
                }
                let decoder = needsPath ? d.withPath : d
                for f in 0..<fields.count where values[f] != FieldValues.read {
                    fields[f].decode(&value, decoder, FieldValues.node(values[f]))
                }
                return decoder
            }
        }
        value.extra = ExtraKeys(extra)
        check(value, fieldDecoder)
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

/// What ``ManifestObject/decode(_:)`` notes for each field while it reads a map: the index of the field's
/// value node, or one of these markers.
private enum FieldValues {
    /// The key is absent.
    static let absent: Int32 = -1
    /// The field was read by its shortcut.
    static let read: Int32 = -2

    /// The value node noted, `nil` for a marker.
    static func node(_ value: Int32) -> YAMLTree.NodeID? { value < 0 ? nil : YAMLTree.NodeID(value) }
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
    public init(_ entries: [(String, YAMLNode)] = []) {
        self.entries = entries.isEmpty ? [] : entries.map { (key: $0.0, value: $0.1) }
    }

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
