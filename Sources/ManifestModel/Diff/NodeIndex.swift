import BoshYAML

/// Node ids as dense `Int32` indexes, so per-node facts (redaction marks, overrides, memoised hashes) live in
/// flat arrays. `YAMLTree.NodeID` is a single `Int32` index into the tree's node array; its layout is checked.
enum NodeIndex {
    static func ref(_ id: YAMLTree.NodeID) -> Int32 {
        precondition(MemoryLayout<YAMLTree.NodeID>.size == MemoryLayout<Int32>.size)
        return unsafeBitCast(id, to: Int32.self)
    }

    static func id(_ ref: Int32) -> YAMLTree.NodeID { unsafeBitCast(ref, to: YAMLTree.NodeID.self) }
}
