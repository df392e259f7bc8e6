extension YAMLTree {
    /// A scalar's value as yaml.v2 decodes it into `interface{}` (`nil` for a collection).
    public func resolved(_ id: NodeID) -> ResolvedScalar? {
        let n = nodes[id.index]
        guard n.kind == .scalar else { return nil }
        switch n.resolved {
        case .string: return .string(text(id))
        case .null: return .null
        default:
            return withScalarBytes(id) { ScalarResolver.resolvePlain($0) }
        }
    }
}
