import BoshYAML

/// Reads one node of a manifest into typed values, recording every problem (with its path and source
/// position) instead of stopping at the first.
public struct NodeDecoder: Sendable {
    /// The tree being read.
    public let tree: YAMLTree
    /// The node being read.
    public let id: YAMLTree.NodeID
    /// Its parent's path and its own last segment: most nodes are read without a problem and never need their
    /// path, so it is only built when asked for.
    private let parentPath: ManifestPath
    private let segment: PathSegment
    let sink: ProblemSink

    /// The last segment of a node's path, not yet joined to its parent's.
    enum PathSegment: Sendable {
        /// None: `parentPath` is the node's path.
        case none
        /// A key of a map.
        case key(String)
        /// An item of an array (this index): by the value of its `name` key when it is a map with a scalar
        /// `name`, by index otherwise.
        case item(Int)
    }

    init(tree: YAMLTree, id: YAMLTree.NodeID, path: ManifestPath, sink: ProblemSink) {
        self.init(tree: tree, id: id, parentPath: path, segment: .none, sink: sink)
    }

    init(tree: YAMLTree, id: YAMLTree.NodeID, parentPath: ManifestPath, segment: PathSegment, sink: ProblemSink) {
        self.tree = tree
        self.id = id
        self.parentPath = parentPath
        self.segment = segment
        self.sink = sink
    }

    /// Its manifest path.
    public var path: ManifestPath {
        switch segment {
        case .none: return parentPath
        case .key(let key): return parentPath.appending(key: key)
        case .item(let index):
            if tree.kind(id) == .mapping, let name = tree.value(id, forKey: "name"), tree.kind(name) == .scalar {
                return parentPath.appending(name: tree.canonicalText(name))
            }
            return parentPath.appending(index: index)
        }
    }

    /// The same decoder with its path built, for a node whose children are read (they share it).
    var withPath: NodeDecoder {
        if case .none = segment { return self }
        return NodeDecoder(tree: tree, id: id, parentPath: path, segment: .none, sink: sink)
    }

    /// The decoder of a child node: `segment` under this node's path.
    func child(_ id: YAMLTree.NodeID, _ segment: PathSegment) -> NodeDecoder {
        NodeDecoder(tree: tree, id: id, parentPath: path, segment: segment, sink: sink)
    }

    /// The node as an open-ended YAML value.
    public var node: YAMLNode { YAMLNode(tree: tree, id: id) }

    /// Records a problem at this node.
    public func problem(_ message: String) {
        sink.problems.append(
            ManifestProblem(file: tree.file, mark: tree.mark(id), path: path.description, message: message))
    }

    /// Records "expected X, got Y" at this node.
    func typeMismatch(expected: String) {
        problem("expected \(expected), got \(describe())")
    }

    /// A short description of what the node holds, for error messages.
    func describe() -> String {
        switch tree.kind(id) {
        case .mapping: return "a map"
        case .sequence: return "an array"
        case .scalar:
            let text = tree.text(id)
            switch tree.scalarKind(id) {
            case .null: return "null"
            case .bool: return "boolean \(text)"
            case .int, .uint: return "integer \(text)"
            case .float: return "number \(text)"
            case .string: return "\"\(text.count > 60 ? String(text.prefix(57)) + "..." : text)\""
            }
        }
    }

    /// The decoder for the value of `key` in this mapping, or `nil` if absent.
    public func child(_ key: String) -> NodeDecoder? {
        guard let value = tree.value(id, forKey: key) else { return nil }
        return child(value, .key(key))
    }

    /// Whether the node is a whole-value variable placeholder `((name))`.
    public var isVariable: Bool {
        tree.kind(id) == .scalar && tree.scalarKind(id) == .string
            && tree.withScalarBytes(id) { b in
                b.count > 4 && b[0] == 40 && b[1] == 40 && b[b.count - 1] == 41 && b[b.count - 2] == 41
            }
    }

    /// Decodes the value of `key`; records a problem when it is required and missing, or malformed.
    public func decode<T: ManifestValue>(_ key: String, required: Bool = false) -> T? {
        decode(key, value: tree.value(id, forKey: key), required: required)
    }

    /// Decodes `value`, the value of `key` in this mapping found by the caller (`nil` when absent).
    func decode<T: ManifestValue>(_ key: String, value: YAMLTree.NodeID?, required: Bool = false) -> T? {
        guard let value else {
            if required { problem("missing required key '\(key)'") }
            return nil
        }
        let c = child(value, .key(key))
        if T.allowsNull == false && tree.scalarKind(c.id) == .null && tree.kind(c.id) == .scalar {
            if required { c.problem("'\(key)' must not be null") }
            return nil
        }
        return T.decode(c)
    }
}
