import BoshYAML

/// A value that can be read from a manifest node and written back to a tree.
public protocol ManifestValue: Sendable, Encodable {
    /// Reads the value; records problems through `decoder` and returns `nil` when it cannot be read.
    static func decode(_ decoder: NodeDecoder) -> Self?
    /// Writes the value as a new node of `tree`.
    func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID
    /// Whether an explicit `null` is a value of this type (otherwise it counts as absent).
    static var allowsNull: Bool { get }
}

extension ManifestValue {
    public static var allowsNull: Bool { false }
}

extension String: ManifestValue {
    public static func decode(_ d: NodeDecoder) -> String? {
        guard d.tree.kind(d.id) == .scalar else {
            d.typeMismatch(expected: "a string")
            return nil
        }
        return d.tree.canonicalText(d.id)
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addString(self) }
}

extension Int: ManifestValue {
    public static func decode(_ d: NodeDecoder) -> Int? {
        if d.tree.kind(d.id) == .scalar {
            switch d.tree.resolved(d.id) {
            case .int(let v)?: return Int(v)
            case .float(let v)? where v == v.rounded() && abs(v) < 1e15: return Int(v)
            default: break
            }
        }
        if d.isVariable {
            d.problem("expected an integer, got variable \(d.tree.text(d.id)); interpolate variables first")
        } else {
            d.typeMismatch(expected: "an integer")
        }
        return nil
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addInt(self) }
}

extension Bool: ManifestValue {
    public static func decode(_ d: NodeDecoder) -> Bool? {
        if case .bool(let b)? = d.tree.resolved(d.id) { return b }
        d.typeMismatch(expected: "a boolean")
        return nil
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.addBool(self) }
}

extension YAMLNode: ManifestValue {
    public static var allowsNull: Bool { true }
    public static func decode(_ d: NodeDecoder) -> YAMLNode? { d.node }
    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID { tree.importNode(id, from: self.tree) }
}

extension Array: ManifestValue where Element: ManifestValue {
    public static func decode(_ d: NodeDecoder) -> [Element]? {
        guard d.tree.kind(d.id) == .sequence else {
            if d.isVariable {
                d.problem("expected an array, got variable \(d.tree.text(d.id)); interpolate variables first")
            } else {
                d.typeMismatch(expected: "an array")
            }
            return nil
        }
        if Element.self == String.self, let strings = scalarTexts(d) { return (strings as! [Element]) }
        let d = d.withPath  // its items' decoders share its path
        let items = d.tree.items(d.id)
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let value = Element.decode(d.child(item, .item(index))) {
                result.append(value)
            }
        }
        return result
    }

    /// The items of a sequence of strings read without a decoder per item, as `String.decode` reads each
    /// (a scalar's canonical text), or `nil` when an item is not a scalar (the general way records the problem).
    private static func scalarTexts(_ d: NodeDecoder) -> [String]? {
        let tree = d.tree
        let items = tree.items(d.id)
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard tree.kind(item) == .scalar else { return nil }
            result.append(tree.canonicalText(item))
        }
        return result
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID {
        var ids: [YAMLTree.NodeID] = []
        ids.reserveCapacity(count)
        for item in self { ids.append(item.encode(into: &tree)) }
        return tree.addSequence(ids)
    }
}
