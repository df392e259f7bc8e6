import BoshYAML

/// How a field whose value is a plain case is read straight from the tree into its stored property, without
/// a ``NodeDecoder`` for it: a `String` field from a scalar that is not null, a ``YAMLNode`` field from any
/// node, an absent optional field as `nil`. Every other case (a missing required key, a null, a collection
/// where a string is expected) goes the general way, which records the problem; both ways give the same value.
enum FieldShortcut: Sendable {
    /// None: the field is always read through its decoder.
    case none
    /// A `String` (or `String?` when `optional`) property at this offset.
    case string(offset: Int, optional: Bool)
    /// A ``YAMLNode`` (or `YAMLNode?` when `optional`) property at this offset.
    case node(offset: Int, optional: Bool)

    /// The shortcut for a field of type `Value` stored at `offset` (`nil`: not stored, so no shortcut).
    static func of<Value>(_ type: Value.Type, offset: Int?, optional: Bool) -> FieldShortcut {
        guard let offset else { return .none }
        if Value.self == String.self { return .string(offset: offset, optional: optional) }
        if Value.self == YAMLNode.self { return .node(offset: offset, optional: optional) }
        return .none
    }

    /// Reads the field (the value of its key, `nil` when absent) into `root` when the shortcut covers it;
    /// `false` when the general way must read it.
    @inline(__always)
    func read<Root>(_ value: YAMLTree.NodeID?, of tree: YAMLTree, into root: inout Root) -> Bool {
        switch self {
        case .none:
            return false
        case .string(let offset, let optional):
            guard let value else {
                if optional { FieldStorage.assign(String?.none, at: offset, in: &root) }
                return optional
            }
            // `String.decode` behind `NodeDecoder.decode(_:value:required:)`: a null is absent, a collection
            // a problem; any other scalar reads as its canonical text.
            guard tree.kind(value) == .scalar, tree.scalarKind(value) != .null else { return false }
            let text = tree.canonicalText(value)
            if optional {
                FieldStorage.assign(Optional(text), at: offset, in: &root)
            } else {
                FieldStorage.assign(text, at: offset, in: &root)
            }
            return true
        case .node(let offset, let optional):
            guard let value else {
                if optional { FieldStorage.assign(YAMLNode?.none, at: offset, in: &root) }
                return optional
            }
            // `YAMLNode.allowsNull`: any node, null included, is the value.
            let node = YAMLNode(tree: tree, id: value)
            if optional {
                FieldStorage.assign(Optional(node), at: offset, in: &root)
            } else {
                FieldStorage.assign(node, at: offset, in: &root)
            }
            return true
        }
    }
}
