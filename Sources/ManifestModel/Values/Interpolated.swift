import BoshYAML

/// A value that may still be a whole-value variable placeholder, as cloud configs often ship them
/// (`reserved: ((z1_reserved_ips))`).
public enum Interpolated<Value: ManifestValue & Hashable>: Hashable, Sendable, ManifestValue {
    /// A literal value.
    case value(Value)
    /// A placeholder `((name))`, not yet interpolated; holds the variable's name.
    case variable(String)

    /// The literal value, if this is not a placeholder.
    public var literal: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    public static func decode(_ d: NodeDecoder) -> Interpolated? {
        if d.isVariable {
            let text = d.tree.text(d.id)
            return .variable(String(text.dropFirst(2).dropLast(2)))
        }
        return Value.decode(d).map { .value($0) }
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID {
        switch self {
        case .value(let v): return v.encode(into: &tree)
        case .variable(let name): return tree.addString("((\(name)))")
        }
    }
}
