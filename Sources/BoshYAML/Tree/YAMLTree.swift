/// A parsed YAML stream stored flat: every node lives in one contiguous array and is addressed by a
/// ``YAMLTree/NodeID``; scalar text lives in one byte buffer; a collection's children are a range of one
/// index array. Parsing allocates a handful of arrays, not one object per node.
///
/// Aliases resolve to the anchored node itself (the tree is a DAG), and merge keys `<<` are applied while
/// parsing, as Go's yaml.v2 applies them, so readers never see either. Trees are values: copies share storage
/// until one of them is changed through the builder API.
public struct YAMLTree: Sendable {
    /// The address of a node in its tree.
    public struct NodeID: Hashable, Sendable {
        @usableFromInline let raw: Int32
        /// The node at position `raw` of its tree's node array.
        @inlinable package init(_ raw: Int32) { self.raw = raw }
        @inlinable init(_ raw: Int) { self.raw = Int32(truncatingIfNeeded: raw) }
        /// The node's position in its tree's node array (dense, `0 ..< nodeCount`), for per-node side tables.
        @inlinable package var index: Int { Int(raw) }
    }

    /// All of a tree's arrays behind one reference, so copying a tree (or a ``YAMLNode``) costs one retain.
    ///
    /// The arrays are read and written only through ``YAMLTree``'s accessors, one access at a time (a tree's
    /// mutating methods copy the storage first when it is shared), so they opt out of the runtime's dynamic
    /// exclusivity checks: with them, every node lookup through a class property cost a thread-local access-set
    /// update, about a sixth of applying cf-deployment's ops files.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var file: String
        @exclusivity(unchecked) @usableFromInline var documents: [NodeID] = []
        @exclusivity(unchecked) @usableFromInline var nodes: ContiguousArray<RawNode> = []
        @exclusivity(unchecked) @usableFromInline var childIDs: ContiguousArray<Int32> = []
        @exclusivity(unchecked) @usableFromInline var bytes: ContiguousArray<UInt8> = []
        @exclusivity(unchecked) @usableFromInline var customTags: [Int32: String] = [:]

        @usableFromInline init(file: String) { self.file = file }

        @usableFromInline func copy() -> Storage {
            let s = Storage(file: file)
            s.documents = documents
            s.nodes = nodes
            s.childIDs = childIDs
            s.bytes = bytes
            s.customTags = customTags
            return s
        }
    }

    @usableFromInline var storage: Storage

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The name the tree reports in errors (usually a file path).
    public var file: String {
        get { storage.file }
        set {
            makeUnique()
            storage.file = newValue
        }
    }

    /// The root node of each document in the stream, in order.
    public internal(set) var documents: [NodeID] {
        get { storage.documents }
        _modify {
            makeUnique()
            yield &storage.documents
        }
    }

    @usableFromInline var nodes: ContiguousArray<RawNode> {
        @inlinable _read { yield storage.nodes }
        @inlinable _modify {
            makeUnique()
            yield &storage.nodes
        }
    }

    @usableFromInline var childIDs: ContiguousArray<Int32> {
        @inlinable _read { yield storage.childIDs }
        @inlinable _modify {
            makeUnique()
            yield &storage.childIDs
        }
    }

    @usableFromInline var bytes: ContiguousArray<UInt8> {
        @inlinable _read { yield storage.bytes }
        @inlinable _modify {
            makeUnique()
            yield &storage.bytes
        }
    }

    /// Tags other than the standard `!!` ones, by node.
    @usableFromInline var customTags: [Int32: String] {
        @inlinable _read { yield storage.customTags }
        @inlinable _modify {
            makeUnique()
            yield &storage.customTags
        }
    }

    /// Creates an empty tree (no documents) that nodes can be added to.
    public init(file: String = "<yaml>") {
        storage = Storage(file: file)
    }

    /// A tree over arrays built elsewhere (the parser's).
    init(storage: Storage) {
        self.storage = storage
    }

    /// The first document's root, or `nil` for an empty stream.
    @inlinable public var root: NodeID? { documents.first }

    /// How many nodes the tree stores (aliases count once).
    public var nodeCount: Int { nodes.count }
}

/// One node as stored: 20 bytes.
@usableFromInline struct RawNode: Sendable, BitwiseCopyable {
    @usableFromInline var kind: YAMLNodeKind
    @usableFromInline var style: UInt8
    @usableFromInline var resolved: ScalarKind
    @usableFromInline var tag: StandardTag
    @usableFromInline var line: UInt32
    @usableFromInline var column: UInt32
    /// Scalars: offset into `bytes`; collections: offset into `childIDs`.
    @usableFromInline var start: UInt32
    /// Scalars: byte length; collections: number of child ids (two per mapping entry).
    @usableFromInline var count: UInt32
}

/// The three kinds of YAML node.
public enum YAMLNodeKind: UInt8, Sendable, BitwiseCopyable {
    /// A scalar: a string, number, boolean or null.
    case scalar
    /// A sequence of nodes.
    case sequence
    /// A mapping of key nodes to value nodes, in document order.
    case mapping
}

/// What a scalar resolves to under Go yaml.v2's rules (YAML 1.1 with yaml.v2's choices).
public enum ScalarKind: UInt8, Sendable, BitwiseCopyable {
    /// `~`, `null`, `Null`, `NULL` or an empty plain scalar.
    case null
    /// `true`/`false`, and yaml.v2's YAML 1.1 spellings `yes`, `no`, `on`, `off`, `y`, `n`.
    case bool
    /// A signed integer (decimal, `0x`, `0o`, leading-zero octal, `0b`; underscores ignored).
    case int
    /// An integer above `Int64.max` that fits in 64 bits unsigned.
    case uint
    /// A floating point number, `.inf`, `-.inf`, `.nan`.
    case float
    /// Anything else (quoted scalars, block scalars, timestamps and plain text).
    case string
}

/// The standard tags; ``custom`` means the tag text is stored on the side.
@usableFromInline enum StandardTag: UInt8, Sendable, BitwiseCopyable {
    case none, str, int, float, bool, null, binary, map, seq, timestamp, merge, custom
}

/// How a scalar was written in its source, or how a collection should be emitted.
public enum YAMLStyle: UInt8, Sendable {
    /// No preference (the emitter decides).
    case any
    /// A plain scalar.
    case plain
    /// A single-quoted scalar.
    case singleQuoted
    /// A double-quoted scalar.
    case doubleQuoted
    /// A literal block scalar `|`.
    case literal
    /// A folded block scalar `>`.
    case folded
    /// A block collection.
    case block
    /// A flow collection `[...]` / `{...}`.
    case flow
}

extension YAMLTree {
    /// An identity for the tree's storage: equal for copies that still share it.
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }
}
