extension YAMLTree {
    /// A scalar's value as yaml.v2 decodes it into `interface{}` (`nil` for a collection).
    public func resolved(_ id: NodeID) -> ResolvedScalar? {
        storage.bytes.withUnsafeBufferPointer { ResolvedScalar(nodes[id.index], bytes: $0) }
    }
}

extension ResolvedScalar {
    /// The value of a stored node whose scalar bytes are in `bytes` (`nil` for a collection).
    init?(_ node: RawNode, bytes: UnsafeBufferPointer<UInt8>) {
        guard node.kind == .scalar else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)])
        switch node.resolved {
        case .string: self = .string(String(decoding: text, as: UTF8.self))
        case .null: self = .null
        case .float:
            switch ScalarResolver.resolvePlain(text) {
            case .int(let v): self = .float(Double(v))
            case .uint(let v): self = .float(Double(v))
            case let other: self = other
            }
        default:
            self = ScalarResolver.resolvePlain(text)
        }
    }
}
