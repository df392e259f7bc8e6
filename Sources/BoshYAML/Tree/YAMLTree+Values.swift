extension YAMLTree {
    /// A scalar's value as yaml.v2 decodes it into `interface{}` (`nil` for a collection).
    public func resolved(_ id: NodeID) -> ResolvedScalar? {
        let n = nodes[id.index]
        guard n.kind == .scalar else { return nil }
        switch n.resolved {
        case .string: return .string(text(id))
        case .null: return .null
        case .float:
            switch withScalarBytes(id, { ScalarResolver.resolvePlain($0) }) {
            case .int(let v): return .float(Double(v))
            case .uint(let v): return .float(Double(v))
            case let other: return other
            }
        default:
            return withScalarBytes(id) { ScalarResolver.resolvePlain($0) }
        }
    }
}
