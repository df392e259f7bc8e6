extension YAMLTree {
    /// Writes one node (by default the first document's root) as a YAML document.
    ///
    /// An empty stream writes `null`, as yaml.v2 marshals `nil`.
    /// - Parameters:
    ///   - node: the node to write; `nil` means ``root``.
    ///   - style: ``EmitStyle/preserving`` (document order) or ``EmitStyle/boshInt`` (exactly `bosh int`).
    public func emit(_ node: NodeID? = nil, style: EmitStyle = .preserving) throws -> String {
        let bytes = try emitBytes(node, style: style)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Like ``emit(_:style:)`` but returns UTF-8 bytes.
    public func emitBytes(_ node: NodeID? = nil, style: EmitStyle = .preserving) throws -> [UInt8] {
        switch style {
        case .boshInt: return BoshIntWriter.render(self, node: node ?? root)
        case .preserving: return try emitBytesWithLibYAML(node ?? root, style: .preserving)
        }
    }
}
