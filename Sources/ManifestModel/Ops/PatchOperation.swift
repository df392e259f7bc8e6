import BoshYAML

/// One go-patch operation of an ops file.
public struct PatchOperation: Sendable {
    /// What the operation does.
    public enum Action: Sendable {
        /// Set the value at the path (creating `?` segments).
        case replace(YAMLNode)
        /// Delete the value at the path.
        case remove
        /// Require the value at the path to equal this one.
        case test(YAMLNode)
        /// Require nothing to be at the path.
        case testAbsent
    }

    /// The action.
    public var action: Action
    /// The path.
    public var pointer: PatchPointer
    /// `error:` — replaces the message of a failure with `Error 'text': <reason>`.
    public var errorText: String?
    /// The file the operation came from.
    public var file: String
    /// The operation's index in its file.
    public var index: Int
    /// Where it starts in its file.
    public var mark: SourceMark?

    /// `replace /path`, for messages.
    public var summary: String {
        let type: String
        switch action {
        case .replace: type = "replace"
        case .remove: type = "remove"
        case .test, .testAbsent: type = "test"
        }
        return "\(type) \(pointer.description.isEmpty ? "\"\"" : pointer.description)"
    }
}

/// The operations of one ops file.
public struct OpsFile: Sendable {
    /// The file name used in messages.
    public let file: String
    /// The operations, in order.
    public let operations: [PatchOperation]

    /// Reads an ops file from text.
    public init(yaml: String, file: String) throws {
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(yaml, file: file) } catch let e as YAMLError {
            throw PatchError(.yaml, file: file, operationIndex: nil, mark: e.mark, operation: nil, message: e.message)
        }
        try self.init(tree: tree)
    }

    /// Reads an ops file from a parsed tree (its first document).
    public init(tree: YAMLTree) throws {
        file = tree.file
        guard let root = tree.root, !(tree.kind(root) == .scalar && tree.scalarKind(root) == .null) else {
            operations = []
            return
        }
        guard tree.kind(root) == .sequence else {
            let found = tree.kind(root) == .mapping ? "!!map" : "!!\(Self.shortKind(tree, root))"
            throw PatchError(
                .definition, file: file, operationIndex: nil, mark: tree.mark(root), operation: nil,
                message: "an ops file must be a list of operations: cannot unmarshal \(found) into []patch.OpDefinition")
        }
        var ops: [PatchOperation] = []
        for (index, item) in tree.items(root).enumerated() {
            ops.append(try Self.operation(tree, item, index: index))
        }
        operations = ops
    }

    private static func shortKind(_ tree: YAMLTree, _ id: YAMLTree.NodeID) -> String {
        switch tree.kind(id) {
        case .mapping: return "map"
        case .sequence: return "seq"
        case .scalar:
            switch tree.scalarKind(id) {
            case .string: return "str"
            case .int, .uint: return "int"
            case .float: return "float"
            case .bool: return "bool"
            case .null: return "null"
            }
        }
    }

    private static func operation(_ tree: YAMLTree, _ item: YAMLTree.NodeID, index: Int) throws -> PatchOperation {
        let file = tree.file
        let mark = tree.mark(item)
        func fail(_ message: String) -> PatchError {
            PatchError(.definition, file: file, operationIndex: index, mark: mark, operation: nil, message: message)
        }
        guard tree.kind(item) == .mapping else {
            throw fail("operation [\(index)] must be a map with 'type' and 'path', got \(shortKind(tree, item))")
        }
        func scalar(_ key: String) throws -> String? {
            guard let v = tree.value(item, forKey: key) else { return nil }
            if tree.kind(v) == .scalar && tree.scalarKind(v) == .null { return nil }
            guard tree.kind(v) == .scalar else {
                throw fail("operation [\(index)]: '\(key)' must be a string, got \(shortKind(tree, v))")
            }
            return tree.canonicalText(v)
        }
        let type = try scalar("type") ?? ""
        let path = try scalar("path")
        let errorText = try scalar("error")
        let valueID = tree.value(item, forKey: "value").flatMap {
            tree.kind($0) == .scalar && tree.scalarKind($0) == .null ? nil : $0
        }
        let absentNode = tree.value(item, forKey: "absent")
        var absent: Bool?
        if let absentNode, case .bool(let b)? = tree.resolved(absentNode) { absent = b }

        // go-patch's JSON rendering of the definition, for its error texts (built only on failure).
        func json() -> String {
            var fields: [String] = []
            if !type.isEmpty { fields.append("  \"Type\": \(jsonString(type))") }
            if let path { fields.append("  \"Path\": \(jsonString(path))") }
            if valueID != nil { fields.append("  \"Value\": \"<redacted>\"") }
            if let absent { fields.append("  \"Absent\": \(absent)") }
            if let errorText { fields.append("  \"Error\": \(jsonString(errorText))") }
            return "{\n" + fields.joined(separator: ",\n") + "\n}"
        }

        func definitionError(_ label: String, _ message: String) -> PatchError {
            fail("\(label) operation [\(index)]: \(message) within\n\(json())")
        }
        func pointer(_ label: String) throws -> PatchPointer {
            guard let path else { throw definitionError(label, "Missing path") }
            do { return try PatchPointer(path) } catch { throw definitionError(label, "Invalid path: \(error.message)") }
        }
        let action: PatchOperation.Action
        let ptr: PatchPointer
        switch type {
        case "replace":
            guard path != nil else { throw definitionError("Replace", "Missing path") }
            guard let valueID else { throw definitionError("Replace", "Missing value") }
            ptr = try pointer("Replace")
            action = .replace(YAMLNode(tree: tree, id: valueID))
        case "remove":
            guard path != nil else { throw definitionError("Remove", "Missing path") }
            if valueID != nil { throw definitionError("Remove", "Cannot specify value") }
            ptr = try pointer("Remove")
            action = .remove
        case "test":
            guard path != nil else { throw definitionError("Test", "Missing path") }
            if valueID == nil && absent == nil { throw definitionError("Test", "Missing value or absent") }
            ptr = try pointer("Test")
            if let valueID {
                action = .test(YAMLNode(tree: tree, id: valueID))
            } else {
                var null = YAMLTree(file: file)
                let nullID = null.addNull()
                action = absent == true ? .testAbsent : .test(YAMLNode(tree: null, id: nullID))
            }
        default:
            throw fail("Unknown operation [\(index)] with type '\(type)' within\n\(json())")
        }
        return PatchOperation(action: action, pointer: ptr, errorText: errorText, file: file, index: index, mark: mark)
    }
}

/// A JSON string literal as Go's encoding/json writes it (with `<` and `>` left readable, as go-patch does).
func jsonString(_ s: String) -> String {
    var out = ""
    JSONText.appendQuoted(s, to: &out, goEscapes: true)
    return out
}
