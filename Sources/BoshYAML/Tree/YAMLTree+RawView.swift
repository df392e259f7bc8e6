extension YAMLTree {
    /// A read-only view of a tree's node, child and byte arrays as raw buffers, for readers inside BoshKit
    /// that walk one tree many times (the manifest diff): no retain, release or exclusivity check per visit,
    /// and no copy of the tree. SPI (`@_spi(BoshKitInternals) import BoshYAML`), not public API: public and
    /// inlinable so other BoshKit modules get the accessors inlined.
    ///
    /// The view keeps the tree's storage alive. Its buffers stay valid for the view's lifetime because a
    /// tree's storage is never changed in place while anything else references it: every change through
    /// ``YAMLTree`` goes to a private copy first, and the view is such a reference.
    @_spi(BoshKitInternals) public struct RawView: @unchecked Sendable {
        @usableFromInline let storage: Storage
        @usableFromInline let nodes: UnsafeBufferPointer<RawNode>
        @usableFromInline let childIDs: UnsafeBufferPointer<Int32>
        @usableFromInline let bytes: UnsafeBufferPointer<UInt8>

        init(_ storage: Storage) {
            self.storage = storage
            // ContiguousArray keeps its elements in one heap buffer that moves only when the array is
            // changed; the storage is not changed while this view references it (see above).
            nodes = storage.nodes.withUnsafeBufferPointer { $0 }
            childIDs = storage.childIDs.withUnsafeBufferPointer { $0 }
            bytes = storage.bytes.withUnsafeBufferPointer { $0 }
        }

        /// The number of nodes.
        @inlinable @inline(__always) public var count: Int { nodes.count }

        /// The kind of node `i`.
        @inlinable @inline(__always) public func kind(_ i: Int32) -> YAMLNodeKind { nodes[Int(i)].kind }

        /// Whether node `i` is a plain scalar without a tag.
        @inlinable @inline(__always) public func isPlainUntagged(_ i: Int32) -> Bool {
            let n = nodes[Int(i)]
            return n.kind == .scalar && n.style == YAMLStyle.plain.rawValue && n.tag == .none
        }

        /// The style node `i` was written in.
        @inlinable @inline(__always) public func style(_ i: Int32) -> YAMLStyle { YAMLStyle(rawValue: nodes[Int(i)].style) ?? .any }

        /// Whether node `i` has an explicit tag.
        @inlinable @inline(__always) public func hasTag(_ i: Int32) -> Bool { nodes[Int(i)].tag != .none }

        /// The items of a sequence, or the entries of a mapping (0 for a scalar).
        @inlinable @inline(__always) public func count(_ i: Int32) -> Int {
            let n = nodes[Int(i)]
            switch n.kind {
            case .scalar: return 0
            case .sequence: return Int(n.count)
            case .mapping: return Int(n.count / 2)
            }
        }

        /// Child `k` of a collection (for a mapping, `2 * e` is entry `e`'s key and `2 * e + 1` its value).
        @inlinable @inline(__always) public func child(_ i: Int32, _ k: Int) -> Int32 { childIDs[Int(nodes[Int(i)].start) + k] }

        /// A scalar's bytes (empty for a collection), valid while the view lives.
        @inlinable @inline(__always) public func scalarBytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
            let n = nodes[Int(i)]
            guard n.kind == .scalar, n.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: bytes.baseAddress! + Int(n.start), count: Int(n.count))
        }
    }

    /// The tree's arrays as raw buffers (see ``RawView``).
    @_spi(BoshKitInternals) public var rawView: RawView { RawView(storage) }
}
