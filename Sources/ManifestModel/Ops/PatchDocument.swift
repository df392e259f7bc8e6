import BoshYAML

/// A YAML document that go-patch operations apply to. Operations copy only the containers on their path
/// (the rest of the tree is shared), so applying many ops to a large manifest stays cheap.
public struct PatchDocument: Sendable {
    /// The tree holding the document (and old versions of changed containers).
    public private(set) var tree: YAMLTree
    /// The document's root node.
    public private(set) var root: YAMLTree.NodeID

    /// Wraps the first document of a parsed tree (an empty stream is a `null` document).
    public init(_ tree: YAMLTree) {
        var tree = tree
        if let root = tree.root {
            self.root = root
        } else {
            self.root = tree.addNull()
        }
        self.tree = tree
    }

    /// The document as a tree whose root is the current document.
    public var result: YAMLTree {
        var t = tree
        t.setRoot(root)
        return t
    }

    /// Applies operations in order; the first failure stops and is thrown as a ``PatchError``.
    public mutating func apply(_ operations: [PatchOperation]) throws {
        for op in operations { try apply(op) }
    }

    /// Applies every operation of several ops files, in order (as `bosh int -o A -o B`).
    public mutating func apply(_ files: [OpsFile]) throws {
        for file in files { try apply(file) }
    }

    /// Applies every operation of one ops file, in order (as `bosh int -o FILE`).
    public mutating func apply(_ file: OpsFile) throws {
        try apply(file.operations)
    }

    /// Applies one operation.
    public mutating func apply(_ op: PatchOperation) throws {
        // The engine takes the tree over (so appending to it does not copy it) and gives it back; operations
        // only append nodes, so the tree is valid for the old root even when an operation fails half-way.
        var engine = PatchEngine(tree: tree, pointer: op.pointer)
        tree = YAMLTree()
        defer { tree = engine.tree }
        do {
            switch op.action {
            case .replace(let value):
                root = try engine.replace(root, value: value)
            case .remove:
                if let newRoot = try engine.remove(root) { root = newRoot }
            case .test(let value):
                let found = try engine.find(root)
                guard YAMLTree.sameData(engine.tree, found, value.tree, value.id) else {
                    throw PatchEngine.Failure("Found value does not match expected value")
                }
            case .testAbsent:
                try engine.checkAbsent(root)
            }
        } catch let failure as PatchEngine.Failure {
            let message = op.errorText.map { "Error '\($0)': \(failure.message)" } ?? failure.message
            throw PatchError(.apply, file: op.file, operationIndex: op.index, mark: op.mark, operation: op.summary, message: message)
        }
    }

    /// The value at a pointer, as `bosh int --path` finds it (go-patch's find).
    public func find(_ pointer: PatchPointer) throws -> YAMLNode {
        var engine = PatchEngine(tree: tree, pointer: pointer)
        do {
            let id = try engine.find(root)
            return YAMLNode(tree: engine.tree, id: id)
        } catch let failure as PatchEngine.Failure {
            throw PatchError(.apply, file: tree.file, operationIndex: nil, mark: nil, operation: nil, message: failure.message)
        }
    }
}
