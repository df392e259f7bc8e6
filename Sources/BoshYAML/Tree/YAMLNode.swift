/// A node together with the tree it lives in: the value type BoshKit uses for open-ended YAML
/// (job properties, cloud_properties, env …). Copies share the tree's storage.
public struct YAMLNode: Sendable, CustomStringConvertible {
    /// The tree that holds the node.
    public let tree: YAMLTree
    /// The node's address in ``tree``.
    public let id: YAMLTree.NodeID

    /// Wraps a node of a tree.
    public init(tree: YAMLTree, id: YAMLTree.NodeID) {
        self.tree = tree
        self.id = id
    }

    /// The kind of node.
    public var kind: YAMLNodeKind { tree.kind(id) }
    /// Where the node starts in its source.
    public var mark: SourceMark { tree.mark(id) }
    /// The file the node was read from.
    public var file: String { tree.file }
    /// The scalar's text (yaml.v2's canonical form for numbers and booleans), `nil` for collections.
    public var string: String? { kind == .scalar ? tree.canonicalText(id) : nil }
    /// The scalar's decoded value, `nil` for collections.
    public var scalar: ResolvedScalar? { tree.resolved(id) }
    /// The items of a sequence (empty otherwise).
    public var items: [YAMLNode] { tree.items(id).map { YAMLNode(tree: tree, id: $0) } }
    /// The entries of a mapping in document order (empty otherwise).
    public var entries: [(key: YAMLNode, value: YAMLNode)] {
        tree.entries(id).map { (YAMLNode(tree: tree, id: $0.key), YAMLNode(tree: tree, id: $0.value)) }
    }
    /// The value for a key of a mapping.
    public subscript(key: String) -> YAMLNode? { tree.value(id, forKey: key).map { YAMLNode(tree: tree, id: $0) } }

    /// The node written as YAML.
    public func emit(style: EmitStyle = .preserving) throws -> String { try tree.emit(id, style: style) }

    /// The node in bosh-int style, or a placeholder if it cannot be written.
    public var description: String { (try? tree.emit(id, style: .boshInt)) ?? "<unprintable YAML>" }
}

extension YAMLNode: Equatable, Hashable {
    /// Two nodes are equal when they hold the same data (yaml.v2 values; mapping order ignored).
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        YAMLTree.sameData(lhs.tree, lhs.id, rhs.tree, rhs.id)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(tree.count(id))
        if kind == .scalar { hasher.combine(tree.resolved(id)) }
    }
}
