/// Decodes `Decodable` types straight from a ``YAMLTree`` — no JSON detour — with yaml.v2's scalar typing.
///
/// Errors are `DecodingError`s whose debug description starts with `file:line:column:`.
///
/// ```swift
/// struct Job: Decodable { var name: String; var release: String }
/// let job = try YAMLDecoder().decode(Job.self, from: try YAMLParser.parse(text, file: "job.yml"))
/// ```
public struct YAMLDecoder: Sendable {
    /// Values handed to `Decodable` implementations through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder.
    public init() {}

    /// Decodes the first document of `tree`.
    public func decode<T: Decodable>(_ type: T.Type, from tree: YAMLTree) throws -> T {
        guard let root = tree.root else {
            throw DecodingError.valueNotFound(
                T.self, .init(codingPath: [], debugDescription: "\(tree.file): the document is empty"))
        }
        return try decode(type, from: YAMLNode(tree: tree, id: root))
    }

    /// Decodes one node.
    public func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode) throws -> T {
        try T(from: TreeDecoder(node: node, codingPath: [], userInfo: userInfo))
    }
}

/// What a `Decoder` that reads from a tree exposes, so types can take the tree path when decoded from YAML.
public protocol YAMLTreeDecoding: Decoder {
    /// The node being decoded.
    var node: YAMLNode { get }
}

/// A `Decoder` positioned on one node.
struct TreeDecoder: YAMLTreeDecoding {
    let node: YAMLNode
    let codingPath: [any CodingKey]
    let userInfoValues: [CodingUserInfoKey: any Sendable]

    init(node: YAMLNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        self.userInfoValues = userInfo
    }

    var userInfo: [CodingUserInfoKey: Any] { userInfoValues.mapValues { $0 as Any } }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard node.kind == .mapping else { throw mismatch([String: String].self, expected: "a map") }
        return KeyedDecodingContainer(KeyedTreeContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard node.kind == .sequence else { throw mismatch([String].self, expected: "an array") }
        return UnkeyedTreeContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleTreeContainer(decoder: self) }

    func child(_ id: YAMLTree.NodeID, key: any CodingKey) -> TreeDecoder {
        TreeDecoder(node: YAMLNode(tree: node.tree, id: id), codingPath: codingPath + [key], userInfo: userInfoValues)
    }

    func location() -> String { "\(node.file):\(node.mark)" }

    func mismatch(_ type: Any.Type, expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "\(location()): expected \(expected), got \(describe())"))
    }

    func describe() -> String {
        switch node.kind {
        case .mapping: return "a map"
        case .sequence: return "an array"
        case .scalar:
            switch node.scalar {
            case .null?, nil: return "null"
            case .string(let s)?: return "\"\(s)\""
            default: return node.string ?? ""
            }
        }
    }

    // Scalar decoding shared by the containers.

    func decodeNil() -> Bool { node.kind == .scalar && node.scalar == .null }

    func decodeBool() throws -> Bool {
        if case .bool(let b)? = node.scalar { return b }
        throw mismatch(Bool.self, expected: "a boolean")
    }

    func decodeString() throws -> String {
        guard node.kind == .scalar, node.scalar != .null else { throw mismatch(String.self, expected: "a string") }
        return node.tree.canonicalText(node.id)
    }

    func decodeDouble() throws -> Double {
        switch node.scalar {
        case .float(let f)?: return f
        case .int(let i)?: return Double(i)
        case .uint(let u)?: return Double(u)
        default: throw mismatch(Double.self, expected: "a number")
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let value: T?
        switch node.scalar {
        case .int(let i)?: value = T(exactly: i)
        case .uint(let u)?: value = T(exactly: u)
        case .float(let f)? where f == f.rounded(): value = T(exactly: f)
        default: throw mismatch(T.self, expected: "an integer")
        }
        guard let value else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "\(location()): \(node.string ?? "") does not fit in \(T.self)"))
        }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try decodeString() as! T
        case is Bool.Type: return try decodeBool() as! T
        case is Double.Type: return try decodeDouble() as! T
        case is Int.Type: return try decodeInteger(Int.self) as! T
        case is YAMLNode.Type: return node as! T
        default: return try T(from: self)
        }
    }
}
