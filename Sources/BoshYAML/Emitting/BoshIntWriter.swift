/// Writes a tree as Go yaml.v2 `Marshal` prints it (the bosh-int style) straight into one byte buffer.
///
/// The layout logic is yaml.v2's block emitter (emitterc.go, itself a port of libyaml's) reduced to what
/// `Marshal` of decoded data can produce: block collections, `[]`/`{}` for empty ones, simple keys up to 128
/// bytes and `? ` complex keys otherwise, two-space indentation with sequences in mappings not indented, and
/// the same column, whitespace and indentation bookkeeping, so every byte matches. Scalars are in
/// `BoshIntWriter+Scalars.swift`.
struct BoshIntWriter: ~Copyable {
    var out: OutputBuffer
    /// The emitter's column, in characters.
    var column = 0
    /// The last thing written was whitespace (or nothing yet).
    var whitespace = true
    /// Only indentation has been written on the current line.
    var indention = true
    /// The current indentation (-1 before the root node).
    var indent = -1

    let tree: YAMLTree
    let nodes: UnsafeBufferPointer<RawNode>
    let children: UnsafeBufferPointer<Int32>
    let text: UnsafeBufferPointer<UInt8>
    /// Mapping entries being sorted or walked; nested mappings use the space after their parent's entries.
    var entries: [GoKeyOrder.Entry] = []
    /// The code points of the non-ASCII keys of the mapping being sorted (emptied once it is sorted).
    var runes: [UInt32] = []

    static let bestWidth = 80
    static let bestIndent = 2
    static let maxSimpleKeyLength = 128

    /// The bosh-int text of `node` (or `null` when there is none), ending in a newline.
    static func render(_ tree: YAMLTree, node: YAMLTree.NodeID?) -> [UInt8] {
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.childIDs.withUnsafeBufferPointer { children in
                tree.bytes.withUnsafeBufferPointer { text in
                    var writer = BoshIntWriter(
                        out: OutputBuffer(capacity: text.count + nodes.count * 8 + 64), tree: tree, nodes: nodes,
                        children: children, text: text)
                    if let node {
                        writer.node(node.raw, inMapping: false)
                    } else {
                        writer.word("null", asKey: false)
                    }
                    // DOCUMENT-END: yaml_emitter_write_indent at indentation 0.
                    writer.indent = -1
                    writer.writeIndent()
                    return writer.out.bytes()
                }
            }
        }
    }

    // MARK: Nodes

    /// yaml_emitter_emit_node outside flow context; `inMapping` is the emitter's mapping_context.
    mutating func node(_ id: Int32, inMapping: Bool) {
        let n = nodes[Int(id)]
        switch n.kind {
        case .scalar:
            scalar(id, asKey: false)
        case .sequence:
            sequence(n, inMapping: inMapping)
        case .mapping:
            mapping(n)
        }
    }

    mutating func sequence(_ n: RawNode, inMapping: Bool) {
        if n.count == 0 {
            emptyFlow(open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
            return
        }
        let saved = indent
        increaseIndent(flow: false, indentless: inMapping && !indention)
        var i = Int(n.start)
        let end = i + Int(n.count)
        while i < end {
            writeIndent()
            writeIndicator(UInt8(ascii: "-"), needWhitespace: true, isWhitespace: false, isIndention: true)
            node(children[i], inMapping: false)
            i += 1
        }
        indent = saved
    }

    mutating func mapping(_ n: RawNode) {
        if n.count == 0 {
            emptyFlow(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
            return
        }
        let saved = indent
        increaseIndent(flow: false, indentless: false)
        let base = entries.count
        var i = Int(n.start)
        let end = i + Int(n.count)
        while i < end {
            let keyID = children[i]
            let key = sortKey(keyID)
            entries.append(GoKeyOrder.Entry(key: key, keyID: keyID, valueID: children[i + 1]))
            i += 2
        }
        // Sorted in place in the array's buffer: sorting `entries[base...]` copied the slice out and back.
        let text = self.text
        var decoded: [UInt32] = []
        swap(&decoded, &runes)
        decoded.withUnsafeBufferPointer { runes in
            entries.withUnsafeMutableBufferPointer {
                GoKeyOrder.sort(UnsafeMutableBufferPointer(rebasing: $0[base...]), text: text, runes: runes)
            }
        }
        decoded.removeAll(keepingCapacity: true)
        swap(&decoded, &runes)
        var e = base
        while e < entries.count {
            let entry = entries[e]
            mappingKey(entry.keyID)
            node(entry.valueID, inMapping: true)
            e += 1
        }
        entries.removeSubrange(base...)
        indent = saved
    }

    /// A key's ``GoKeyOrder/SortKey``: an ASCII string key (most keys) straight from the writer's buffers, any
    /// other through ``GoKeyOrder/sortKey(_:in:runes:)``.
    @inline(__always) mutating func sortKey(_ keyID: Int32) -> GoKeyOrder.SortKey {
        let n = nodes[Int(keyID)]
        if n.kind == .scalar && n.resolved == .string {
            var ascii = true
            for b in slice(n) where b >= 0x80 {
                ascii = false
                break
            }
            if ascii { return GoKeyOrder.SortKey(kind: 24, start: Int(n.start), count: Int(n.count)) }
        }
        return GoKeyOrder.sortKey(YAMLTree.NodeID(keyID), in: tree, runes: &runes)
    }

    /// yaml_emitter_emit_block_mapping_key and the value indicator: a simple key and `:`, or `? key` and
    /// `:` on its own line.
    mutating func mappingKey(_ id: Int32) {
        writeIndent()
        let n = nodes[Int(id)]
        if n.kind == .scalar {
            scalar(id, asKey: true)
            return
        }
        if n.count == 0 {
            // An empty collection is a simple key: `[]: value`.
            node(id, inMapping: true)
            writeIndicator(UInt8(ascii: ":"), needWhitespace: false, isWhitespace: false, isIndention: false)
            return
        }
        complexKey { $0.node(id, inMapping: true) }
    }

    /// `? key` then `:` at the key's indentation.
    mutating func complexKey(_ writeKey: (inout BoshIntWriter) -> Void) {
        writeIndicator(UInt8(ascii: "?"), needWhitespace: true, isWhitespace: false, isIndention: true)
        writeKey(&self)
        writeIndent()
        writeIndicator(UInt8(ascii: ":"), needWhitespace: true, isWhitespace: false, isIndention: true)
    }

    mutating func emptyFlow(open: UInt8, close: UInt8) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    // MARK: Layout primitives (emitterc.go)

    mutating func increaseIndent(flow: Bool, indentless: Bool) {
        if indent < 0 {
            indent = flow ? Self.bestIndent : 0
        } else if !indentless {
            indent += Self.bestIndent
        }
    }

    @inline(__always) mutating func putBreak() {
        out.append(0x0A)
        column = 0
    }

    mutating func writeIndent() {
        let target = indent < 0 ? 0 : indent
        if !indention || column > target || (column == target && !whitespace) { putBreak() }
        if column < target {
            out.appendSpaces(target - column)
            column = target
        }
        whitespace = true
        indention = true
    }

    @inline(__always)
    mutating func writeIndicator(_ c: UInt8, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace {
            out.append(0x20)
            column += 1
        }
        out.append(c)
        column += 1
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
