import BoshYAML

/// Reads one node of a manifest into typed values, recording every problem (with its path and source
/// position) instead of stopping at the first.
public struct NodeDecoder: Sendable {
    /// The tree being read.
    public let tree: YAMLTree
    /// The node being read.
    public let id: YAMLTree.NodeID
    /// Its manifest path.
    public let path: ManifestPath
    let sink: ProblemSink

    init(tree: YAMLTree, id: YAMLTree.NodeID, path: ManifestPath, sink: ProblemSink) {
        self.tree = tree
        self.id = id
        self.path = path
        self.sink = sink
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
        return NodeDecoder(tree: tree, id: value, path: path.appending(key: key), sink: sink)
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
        guard let c = child(key) else {
            if required { problem("missing required key '\(key)'") }
            return nil
        }
        if T.allowsNull == false && tree.scalarKind(c.id) == .null && tree.kind(c.id) == .scalar {
            if required { c.problem("'\(key)' must not be null") }
            return nil
        }
        return T.decode(c)
    }
}
