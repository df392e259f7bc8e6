extension YAMLTree {
    /// Whether two nodes hold the same data as yaml.v2 decodes it: scalars by value, sequences item by item,
    /// mappings key by key regardless of order.
    public static func sameData(_ a: YAMLTree, _ ai: NodeID, _ b: YAMLTree, _ bi: NodeID) -> Bool {
        let ka = a.kind(ai)
        guard ka == b.kind(bi) else { return false }
        switch ka {
        case .scalar:
            return a.resolved(ai) == b.resolved(bi)
        case .sequence:
            let ia = a.items(ai)
            let ib = b.items(bi)
            guard ia.count == ib.count else { return false }
            for k in 0..<ia.count where !sameData(a, ia[k], b, ib[k]) { return false }
            return true
        case .mapping:
            let ea = a.entries(ai)
            let eb = b.entries(bi)
            guard ea.count == eb.count else { return false }
            for (key, value) in ea {
                guard let other = eb.first(where: { sameData(a, key, b, $0.key) }) else { return false }
                if !sameData(a, value, b, other.value) { return false }
            }
            return true
        }
    }

    /// A scalar's text as yaml.v2 would print it: strings as they are, numbers and booleans canonical
    /// (`1.10` → `1.1`, `yes` → `true`, `0x10` → `16`), null as `""`.
    public func canonicalText(_ id: NodeID) -> String {
        switch nodes[id.index].resolved {
        case .string: return text(id)
        case .null: return ""
        default:
            switch resolved(id) {
            case .bool(let b)?: return b ? "true" : "false"
            case .int(let v)?: return String(v)
            case .uint(let v)?: return String(v)
            case .float(let v)?: return GoNumber.formatFloat(v)
            case .string(let s)?: return s
            case .null?, nil: return ""
            }
        }
    }
}
