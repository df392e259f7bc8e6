extension YAMLTree {
    /// The kind of a node.
    @inlinable public func kind(_ id: NodeID) -> YAMLNodeKind { nodes[id.index].kind }

    /// Where a node starts in the source (1-based).
    @inlinable public func mark(_ id: NodeID) -> SourceMark {
        let n = nodes[id.index]
        return SourceMark(line: Int(n.line), column: Int(n.column))
    }

    /// The style a node was written in.
    @inlinable public func style(_ id: NodeID) -> YAMLStyle { YAMLStyle(rawValue: nodes[id.index].style) ?? .any }

    /// What a scalar resolves to (yaml.v2 rules); `.string` for collections.
    @inlinable public func scalarKind(_ id: NodeID) -> ScalarKind {
        let n = nodes[id.index]
        return n.kind == .scalar ? n.resolved : .string
    }

    /// A node's explicit tag in its short form (`!!str`, `!binary` …), or `nil` when it has none.
    public func tag(_ id: NodeID) -> String? {
        switch nodes[id.index].tag {
        case .none: return nil
        case .str: return "!!str"
        case .int: return "!!int"
        case .float: return "!!float"
        case .bool: return "!!bool"
        case .null: return "!!null"
        case .binary: return "!!binary"
        case .map: return "!!map"
        case .seq: return "!!seq"
        case .timestamp: return "!!timestamp"
        case .merge: return "!!merge"
        case .custom: return customTags[id.raw]
        }
    }

    /// The text of a scalar as written (after YAML unescaping and folding), or `""` for a collection.
    @inlinable public func text(_ id: NodeID) -> String {
        let n = nodes[id.index]
        guard n.kind == .scalar, n.count > 0 else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(n.start)..<Int(n.start + n.count)]), as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 bytes of a scalar (empty for a collection), without copying them.
    @inlinable public func withScalarBytes<R>(_ id: NodeID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let n = nodes[id.index]
        return try bytes.withUnsafeBufferPointer { buffer in
            guard n.kind == .scalar, n.count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeBufferPointer(rebasing: buffer[Int(n.start)..<Int(n.start + n.count)]))
        }
    }

    /// Whether a scalar's text equals `string`, compared as bytes.
    @inlinable public func scalar(_ id: NodeID, equals string: StaticString) -> Bool {
        let n = nodes[id.index]
        guard n.kind == .scalar, Int(n.count) == string.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            memcmpBytes(buffer.baseAddress! + Int(n.start), string.utf8Start, Int(n.count))
        }
    }

    /// The number of items of a sequence or entries of a mapping (0 for a scalar).
    @inlinable public func count(_ id: NodeID) -> Int {
        let n = nodes[id.index]
        switch n.kind {
        case .scalar: return 0
        case .sequence: return Int(n.count)
        case .mapping: return Int(n.count / 2)
        }
    }

    /// The items of a sequence (empty for other kinds).
    @inlinable public func items(_ id: NodeID) -> ChildSequence {
        let n = nodes[id.index]
        guard n.kind == .sequence else { return ChildSequence(tree: self, start: 0, count: 0, stride: 1) }
        return ChildSequence(tree: self, start: Int(n.start), count: Int(n.count), stride: 1)
    }

    /// The keys and values of a mapping in document order (empty for other kinds).
    @inlinable public func entries(_ id: NodeID) -> EntrySequence {
        let n = nodes[id.index]
        guard n.kind == .mapping else { return EntrySequence(tree: self, start: 0, count: 0) }
        return EntrySequence(tree: self, start: Int(n.start), count: Int(n.count / 2))
    }

    /// The value for the first key of a mapping whose text is `key` (exact bytes), or `nil`.
    @inlinable public func value(_ id: NodeID, forKey key: String) -> NodeID? {
        let n = nodes[id.index]
        guard n.kind == .mapping else { return nil }
        var key = key
        return key.withUTF8 { k in
            var i = Int(n.start)
            let end = i + Int(n.count)
            while i < end {
                let keyID = Int(childIDs[i])
                let kn = nodes[keyID]
                if kn.kind == .scalar, Int(kn.count) == k.count,
                    bytes.withUnsafeBufferPointer({ memcmpBytes($0.baseAddress! + Int(kn.start), k.baseAddress!, k.count) })
                {
                    return NodeID(childIDs[i + 1])
                }
                i += 2
            }
            return nil
        }
    }

    /// The items of a sequence, as node ids.
    public struct ChildSequence: RandomAccessCollection, Sendable {
        @usableFromInline let tree: YAMLTree
        @usableFromInline let start: Int
        @usableFromInline let stride: Int
        public let count: Int
        @inlinable init(tree: YAMLTree, start: Int, count: Int, stride: Int) {
            self.tree = tree
            self.start = start
            self.count = count
            self.stride = stride
        }
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }
        @inlinable public subscript(position: Int) -> NodeID { NodeID(tree.childIDs[start + position * stride]) }
    }

    /// The entries of a mapping, as (key, value) node ids.
    public struct EntrySequence: RandomAccessCollection, Sendable {
        @usableFromInline let tree: YAMLTree
        @usableFromInline let start: Int
        public let count: Int
        @inlinable init(tree: YAMLTree, start: Int, count: Int) {
            self.tree = tree
            self.start = start
            self.count = count
        }
        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { count }
        @inlinable public subscript(position: Int) -> (key: NodeID, value: NodeID) {
            (NodeID(tree.childIDs[start + position * 2]), NodeID(tree.childIDs[start + position * 2 + 1]))
        }
    }
}

@inlinable func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

extension YAMLTree {
    /// Whether a node is a scalar that decodes to the string `string` (compared as bytes, no allocation).
    @inlinable public func isString(_ id: NodeID, equalTo string: String) -> Bool {
        let n = nodes[id.index]
        // The length first (constant time for a native string): most strings compared are of another length.
        guard n.kind == .scalar, n.resolved == .string, string.utf8.count == Int(n.count) else { return false }
        var string = string
        return string.withUTF8 { s in
            guard s.count == Int(n.count) else { return false }
            if s.count == 0 { return true }
            return bytes.withUnsafeBufferPointer { memcmpBytes($0.baseAddress! + Int(n.start), s.baseAddress!, s.count) }
        }
    }

    /// The positions in `items` of the mappings that have an entry `key` whose value is the string `value`
    /// (go-patch's `key=value` array lookup). Keys and values are compared as bytes, like
    /// ``isString(_:equalTo:)``, so a key or value that is not a string (`1`, `true`, `~`) never matches; items that
    /// are not mappings never match. The first entry `key` decides (the parser refuses duplicate keys).
    public func mappings(in items: [NodeID], whereKey key: String, isString value: String) -> [Int] {
        var key = key, value = value
        return key.withUTF8 { key in
            value.withUTF8 { value in
                storage.nodes.withUnsafeBufferPointer { nodes in
                    storage.childIDs.withUnsafeBufferPointer { childIDs in
                        storage.bytes.withUnsafeBufferPointer { bytes in
                            func isString(_ node: RawNode, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
                                node.kind == .scalar && node.resolved == .string && Int(node.count) == text.count
                                    && (text.isEmpty
                                        || memcmpBytes(bytes.baseAddress! + Int(node.start), text.baseAddress!, text.count))
                            }
                            var found: [Int] = []
                            for (position, item) in items.enumerated() {
                                let mapping = nodes[item.index]
                                guard mapping.kind == .mapping else { continue }
                                var child = Int(mapping.start)
                                let end = child + Int(mapping.count)
                                while child < end {
                                    if isString(nodes[Int(childIDs[child])], key) {
                                        if isString(nodes[Int(childIDs[child + 1])], value) { found.append(position) }
                                        break
                                    }
                                    child += 2
                                }
                            }
                            return found
                        }
                    }
                }
            }
        }
    }
}
