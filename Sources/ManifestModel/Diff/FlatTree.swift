import BoshYAML

/// A read-only copy of a tree's shape and scalar bytes in raw buffers, made once per diff side: the
/// changeset walks the same nodes several times (equality, hashing, redaction, dumping), and reading raw
/// buffers avoids a retain, a release and an exclusivity check per child on each visit.
final class FlatTree {
    let count: Int
    /// Per node: 0 scalar, 1 sequence, 2 mapping; bit 4 = a plain scalar without a tag.
    let kinds: UnsafeMutableBufferPointer<UInt8>
    /// Per node: where its children (two ids per map entry) or its scalar bytes start, and how many.
    let starts: UnsafeMutableBufferPointer<Int32>
    let lengths: UnsafeMutableBufferPointer<Int32>
    let children: UnsafeMutableBufferPointer<Int32>
    let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ tree: YAMLTree) {
        count = tree.nodeCount
        kinds = .allocate(capacity: max(count, 1))
        starts = .allocate(capacity: max(count, 1))
        lengths = .allocate(capacity: max(count, 1))
        var childTotal = 0
        var byteTotal = 0
        for i in 0..<count {
            let id = NodeIndex.id(Int32(i))
            switch tree.kind(id) {
            case .scalar:
                kinds[i] = tree.style(id) == .plain && tree.tag(id) == nil ? 8 : 0
                let n = tree.withScalarBytes(id) { $0.count }
                starts[i] = Int32(byteTotal)
                lengths[i] = Int32(n)
                byteTotal += n
            case .sequence:
                kinds[i] = 1
                starts[i] = Int32(childTotal)
                lengths[i] = Int32(tree.count(id))
                childTotal += tree.count(id)
            case .mapping:
                kinds[i] = 2
                starts[i] = Int32(childTotal)
                lengths[i] = Int32(tree.count(id) * 2)
                childTotal += tree.count(id) * 2
            }
        }
        children = .allocate(capacity: max(childTotal, 1))
        bytes = .allocate(capacity: max(byteTotal, 1))
        for i in 0..<count {
            let id = NodeIndex.id(Int32(i))
            var at = Int(starts[i])
            switch kinds[i] & 3 {
            case 0:
                tree.withScalarBytes(id) { b in
                    if let source = b.baseAddress, !b.isEmpty {
                        UnsafeMutableRawPointer(bytes.baseAddress! + at).copyMemory(from: source, byteCount: b.count)
                    }
                }
            case 1:
                for item in tree.items(id) {
                    children[at] = NodeIndex.ref(item)
                    at += 1
                }
            default:
                for entry in tree.entries(id) {
                    children[at] = NodeIndex.ref(entry.key)
                    children[at + 1] = NodeIndex.ref(entry.value)
                    at += 2
                }
            }
        }
    }

    deinit {
        kinds.deallocate()
        starts.deallocate()
        lengths.deallocate()
        children.deallocate()
        bytes.deallocate()
    }

    @inline(__always) func kind(_ i: Int32) -> YAMLNodeKind {
        switch kinds[Int(i)] & 3 {
        case 0: return .scalar
        case 1: return .sequence
        default: return .mapping
        }
    }

    @inline(__always) func isPlainUntagged(_ i: Int32) -> Bool { kinds[Int(i)] & 8 != 0 }

    /// A scalar's bytes (valid while the tree lives).
    @inline(__always) func scalarBytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(starts[Int(i)])..<Int(starts[Int(i)] + lengths[Int(i)])])
    }

    /// The number of items, or of entries of a map.
    @inline(__always) func childCount(_ i: Int32) -> Int {
        kinds[Int(i)] & 3 == 2 ? Int(lengths[Int(i)]) / 2 : kinds[Int(i)] & 3 == 1 ? Int(lengths[Int(i)]) : 0
    }

    @inline(__always) func child(_ i: Int32, _ k: Int) -> Int32 { children[Int(starts[Int(i)]) + k] }
}
