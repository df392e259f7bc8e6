extension TreeBuilder {
    /// Parses `input` into a tree whose node, child-id and scalar-byte arrays the builder writes directly: each
    /// array is created with the capacity estimated for the text, and the builder appends into its uninitialized
    /// memory. A buffer that outgrows its estimate moves to memory of its own and is copied into an array at the
    /// end (copying every parse's buffers made a fresh set of large allocations, and page faults, per parse).
    static func buildTree(_ input: UnsafeBufferPointer<UInt8>, file: String) throws -> YAMLTree {
        guard input.count <= YAMLParser.maximumInputSize else {
            throw YAMLError(
                .tooLarge, file: file, mark: nil,
                message: "the input is \(input.count) bytes, more than the \(YAMLParser.maximumInputSize) a YAML tree can hold")
        }
        let capacities = capacities(forTextOf: input.count)
        var moved = MovedArrays()
        var customTags: [Int32: String] = [:]
        var documents: [YAMLTree.NodeID] = []
        let nodes = try ContiguousArray<RawNode>(unsafeUninitializedCapacity: capacities.nodes) { nodeMemory, nodeCount in
            let childIDs = try ContiguousArray<Int32>(unsafeUninitializedCapacity: capacities.childIDs) {
                childMemory, childCount in
                let bytes = try ContiguousArray<UInt8>(unsafeUninitializedCapacity: capacities.bytes) { byteMemory, byteCount in
                    var builder = TreeBuilder(
                        file: file, nodes: ScratchBuffer(writingInto: nodeMemory),
                        childIDs: ScratchBuffer(writingInto: childMemory), bytes: ScratchBuffer(writingInto: byteMemory))
                    try builder.run(input)
                    // What was written into an array's memory belongs to it now; a buffer that moved is copied.
                    if builder.nodes.ownsMemory { moved.nodes = builder.nodes.makeArray() } else { nodeCount = builder.nodes.count }
                    if builder.childIDs.ownsMemory {
                        moved.childIDs = builder.childIDs.makeArray()
                    } else {
                        childCount = builder.childIDs.count
                    }
                    if builder.bytes.ownsMemory { moved.bytes = builder.bytes.makeArray() } else { byteCount = builder.bytes.count }
                    customTags = builder.customTags
                    documents = builder.documents
                }
                moved.bytes = moved.bytes ?? bytes
            }
            moved.childIDs = moved.childIDs ?? childIDs
        }
        let storage = YAMLTree.Storage(file: file)
        storage.nodes = moved.nodes ?? nodes
        storage.childIDs = moved.childIDs ?? []
        storage.bytes = moved.bytes ?? []
        storage.customTags = customTags
        storage.documents = documents
        return YAMLTree(storage: storage)
    }

    /// Arrays copied from buffers that outgrew their array's capacity (or, once done, the arrays themselves).
    private struct MovedArrays {
        var nodes: ContiguousArray<RawNode>?
        var childIDs: ContiguousArray<Int32>?
        var bytes: ContiguousArray<UInt8>?
    }
}
