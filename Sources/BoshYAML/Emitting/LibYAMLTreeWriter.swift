import CLibYAML

extension YAMLTree {
    /// Writes a node through libyaml's C emitter: the ``EmitStyle/preserving`` writer, and for
    /// ``EmitStyle/boshInt`` the reference the Swift ``BoshIntWriter`` is tested against (libyaml's emitter is
    /// the one yaml.v2 ported, so it prints the same bytes).
    func emitBytesWithLibYAML(_ node: NodeID?, style: EmitStyle) throws -> [UInt8] {
        let emitter = try LibYAMLEmitter(file: file, capacity: bytes.count * 2 + 64)
        try emitter.streamStart()
        try emitter.documentStart(implicit: true)
        if let id = node {
            var writer = TreeWriter(tree: self, emitter: emitter, boshInt: style == .boshInt)
            try writer.write(id)
        } else {
            try emitter.scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
        }
        try emitter.documentEnd()
        try emitter.streamEnd()
        var output = emitter.output
        // libyaml closes an open-ended document (after a `|+` block) with `...`; yaml.v2 never does.
        if output.count >= 5 && output.suffix(5).elementsEqual("\n...\n".utf8) { output.removeLast(4) }
        return output
    }
}

/// Walks a tree and feeds libyaml emitter events.
struct TreeWriter {
    let tree: YAMLTree
    let emitter: LibYAMLEmitter
    let boshInt: Bool

    mutating func write(_ id: YAMLTree.NodeID) throws {
        let n = tree.nodes[id.index]
        switch n.kind {
        case .scalar:
            if boshInt { try writeBoshIntScalar(id, n) } else { try writePreservedScalar(id, n) }
        case .sequence:
            try emitter.sequenceStart(flow: !boshInt && n.style == YAMLStyle.flow.rawValue)
            for item in tree.items(id) { try write(item) }
            try emitter.sequenceEnd()
        case .mapping:
            try emitter.mappingStart(flow: !boshInt && n.style == YAMLStyle.flow.rawValue)
            if boshInt {
                for (key, value) in GoKeyOrder.sortedEntries(of: id, in: tree) {
                    try write(key)
                    try write(value)
                }
            } else {
                for (key, value) in tree.entries(id) {
                    try write(key)
                    try write(value)
                }
            }
            try emitter.mappingEnd()
        }
    }

    private func writePreservedScalar(_ id: YAMLTree.NodeID, _ n: RawNode) throws {
        let style: yaml_scalar_style_t
        switch YAMLStyle(rawValue: n.style) ?? .any {
        case .plain: style = YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: style = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: style = YAML_LITERAL_SCALAR_STYLE
        case .folded: style = YAML_FOLDED_SCALAR_STYLE
        default: style = YAML_ANY_SCALAR_STYLE
        }
        let tag: String? = n.tag == .custom ? tree.customTags[id.raw] : nil
        // A string that was plain in the source but no longer reads back as a string (built by the
        // builder API) must be quoted to keep its type.
        let needsQuotes =
            n.resolved == .string && n.tag == .none
            && (style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE)
            && tree.withScalarBytes(id) { ScalarResolver.needsQuoting($0) }
        try tree.withScalarBytes(id) {
            try emitter.scalar($0, tag: tag, style: needsQuotes ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : style)
        }
    }

    /// yaml.v2 `Marshal` of the decoded value: re-typed, canonical numbers, quoted when a plain string would
    /// read back as something else, literal blocks for multi-line strings.
    private func writeBoshIntScalar(_ id: YAMLTree.NodeID, _ n: RawNode) throws {
        switch n.resolved {
        case .string:
            try tree.withScalarBytes(id) { bytes in
                let style: yaml_scalar_style_t
                if bytes.contains(UInt8(ascii: "\n")) {
                    style = YAML_LITERAL_SCALAR_STYLE
                } else if ScalarResolver.needsQuoting(bytes) {
                    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
                } else {
                    style = YAML_PLAIN_SCALAR_STYLE
                }
                try emitter.scalar(bytes, style: style)
            }
        case .null:
            try emitter.scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
        case .int where tree.withScalarBytes(id, BoshIntWriter.isCanonicalDecimal):
            try tree.withScalarBytes(id) { try emitter.scalar($0, style: YAML_PLAIN_SCALAR_STYLE) }
        default:
            try emitter.scalar(BoshIntWriter.goText(of: id, in: tree), style: YAML_PLAIN_SCALAR_STYLE)
        }
    }
}
