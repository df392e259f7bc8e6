import BoshYAML

/// Node ids as dense `Int32` indexes, so per-node facts (redaction marks, overrides) live in flat arrays.
enum NodeIndex {
    @inline(__always) static func ref(_ id: YAMLTree.NodeID) -> Int32 { Int32(truncatingIfNeeded: id.index) }

    @inline(__always) static func id(_ ref: Int32) -> YAMLTree.NodeID { YAMLTree.NodeID(ref) }
}
