extension YAMLTree {
    /// Adds a string scalar; it is written quoted if it would otherwise read back as another type.
    public mutating func addString(_ value: String, mark: SourceMark? = nil) -> NodeID {
        addScalar(value, kind: .string, style: .any, mark: mark)
    }

    /// Adds a scalar with an explicit type; `text` must be how YAML writes that value (`3`, `true`, `null`).
    public mutating func addScalar(_ text: String, kind: ScalarKind, style: YAMLStyle = .plain, mark: SourceMark? = nil) -> NodeID {
        let id = NodeID(nodes.count)
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        let resolvedStyle: YAMLStyle = kind == .string && style == .plain ? .any : style
        nodes.append(
            RawNode(
                kind: .scalar, style: (kind == .string ? resolvedStyle : .plain).rawValue, resolved: kind, tag: .none,
                line: UInt32(mark?.line ?? 0), column: UInt32(mark?.column ?? 0), start: UInt32(start),
                count: UInt32(bytes.count - start)))
        return id
    }

    /// Adds an integer scalar.
    public mutating func addInt(_ value: Int) -> NodeID { addScalar(String(value), kind: .int) }
    /// Adds a boolean scalar.
    public mutating func addBool(_ value: Bool) -> NodeID { addScalar(value ? "true" : "false", kind: .bool) }
    /// Adds a null scalar.
    public mutating func addNull() -> NodeID { addScalar("null", kind: .null) }

    /// Adds a sequence of existing nodes.
    public mutating func addSequence(_ items: [NodeID], style: YAMLStyle = .block, mark: SourceMark? = nil) -> NodeID {
        let id = NodeID(nodes.count)
        let start = childIDs.count
        for item in items { childIDs.append(item.raw) }
        nodes.append(
            RawNode(
                kind: .sequence, style: style.rawValue, resolved: .string, tag: .none, line: UInt32(mark?.line ?? 0),
                column: UInt32(mark?.column ?? 0), start: UInt32(start), count: UInt32(items.count)))
        return id
    }

    /// Adds a mapping of existing nodes, keys in the given order.
    public mutating func addMapping(_ entries: [(key: NodeID, value: NodeID)], style: YAMLStyle = .block, mark: SourceMark? = nil) -> NodeID {
        let id = NodeID(nodes.count)
        let start = childIDs.count
        for entry in entries {
            childIDs.append(entry.key.raw)
            childIDs.append(entry.value.raw)
        }
        nodes.append(
            RawNode(
                kind: .mapping, style: style.rawValue, resolved: .string, tag: .none, line: UInt32(mark?.line ?? 0),
                column: UInt32(mark?.column ?? 0), start: UInt32(start), count: UInt32(entries.count * 2)))
        return id
    }

    /// Copies a node (and everything under it) from another tree; returns its id in this tree.
    /// Shared subtrees (aliases) are copied once.
    ///
    /// - Parameter roundTrip: re-type scalars as a yaml.v2 `Marshal` + `Unmarshal` round trip would
    ///   (go-patch clones values that way: `1.0` becomes the integer `1`).
    public mutating func importNode(_ id: NodeID, from other: YAMLTree, roundTrip: Bool = false) -> NodeID {
        var copied: [Int32: NodeID] = [:]
        return importNode(id, from: other, memo: &copied, roundTrip: roundTrip)
    }

    /// `memo` keeps the copies of collections, so a collection reached twice (through an alias) is copied once
    /// and stays shared; scalars, most of a tree's nodes, are copied each time they are reached (a copy prints and
    /// compares the same), which spares a dictionary update per scalar.
    private mutating func importNode(_ id: NodeID, from other: YAMLTree, memo: inout [Int32: NodeID], roundTrip: Bool) -> NodeID {
        let n = other.nodes[id.index]
        if n.kind != .scalar, let done = memo[id.raw] { return done }
        let result: NodeID
        switch n.kind {
        case .scalar where roundTrip && n.resolved == .float:
            let text = other.canonicalText(id)
            let kind = text.utf8.withContiguousStorageIfAvailable { ScalarResolver.kind(ofPlain: $0) } ?? .float
            result = addScalar(text, kind: kind)
        case .scalar where roundTrip && n.resolved != .string:
            result = addScalar(other.canonicalText(id).isEmpty ? "null" : other.canonicalText(id), kind: n.resolved)
        case .scalar:
            result = NodeID(nodes.count)
            let start = bytes.count
            if n.count > 0 { bytes.append(contentsOf: other.bytes[Int(n.start)..<Int(n.start + n.count)]) }
            var copy = n
            copy.start = UInt32(start)
            nodes.append(copy)
            if n.tag == .custom { customTags[result.raw] = other.customTags[id.raw] }
        case .sequence, .mapping:
            var children: [Int32] = []
            children.reserveCapacity(Int(n.count))
            for k in Int(n.start)..<Int(n.start + n.count) {
                children.append(importNode(NodeID(other.childIDs[k]), from: other, memo: &memo, roundTrip: roundTrip).raw)
            }
            result = NodeID(nodes.count)
            var copy = n
            copy.start = UInt32(childIDs.count)
            childIDs.append(contentsOf: children)
            nodes.append(copy)
            if n.tag == .custom { customTags[result.raw] = other.customTags[id.raw] }
            memo[id.raw] = result
        }
        return result
    }

    /// Makes `id` the root of a new document appended to the stream.
    public mutating func addDocument(_ id: NodeID) { documents.append(id) }

    /// Replaces the first document's root (or adds one).
    public mutating func setRoot(_ id: NodeID) {
        if documents.isEmpty { documents.append(id) } else { documents[0] = id }
    }
}
