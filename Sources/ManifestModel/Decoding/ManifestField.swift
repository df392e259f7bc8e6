import BoshYAML

/// One typed field of a ``ManifestObject``.
public struct ManifestField<Root>: @unchecked Sendable {
    /// The YAML key.
    public let key: String
    private let keyBytes: [UInt8]
    /// The key's length and first 8 bytes, so most keys that differ are told apart without touching `keyBytes`.
    private let keyCount: Int
    private let keyPrefix: UInt64
    /// How the field is read without a decoder when its value is a plain case.
    let shortcut: FieldShortcut
    /// Reads the field into the root from the value of its key (`nil`: the key is absent).
    let decode: (inout Root, NodeDecoder, YAMLTree.NodeID?) -> Void
    let encode: (Root, inout YAMLTree) -> YAMLTree.NodeID?
    let encodeValue: (Root, inout KeyedEncodingContainer<FieldKey>) throws -> Void

    private init(
        key: String, shortcut: FieldShortcut, decode: @escaping (inout Root, NodeDecoder, YAMLTree.NodeID?) -> Void,
        encode: @escaping (Root, inout YAMLTree) -> YAMLTree.NodeID?,
        encodeValue: @escaping (Root, inout KeyedEncodingContainer<FieldKey>) throws -> Void
    ) {
        self.key = key
        self.keyBytes = Array(key.utf8)
        self.keyCount = keyBytes.count
        self.keyPrefix = keyBytes.withUnsafeBufferPointer { Self.prefix($0) }
        self.shortcut = shortcut
        self.decode = decode
        self.encode = encode
        self.encodeValue = encodeValue
    }

    /// Whether `bytes`, whose ``prefix(_:)`` is `prefix` (worked out once for all the fields), are the key's.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, prefix: UInt64) -> Bool {
        guard bytes.count == keyCount, prefix == keyPrefix else { return false }
        guard keyCount > 8 else { return true }
        return keyBytes.withUnsafeBufferPointer { key in
            var i = 8
            while i < keyCount {
                if key[i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// The first 8 bytes (fewer for a shorter key) as one number, the first byte lowest.
    @inline(__always)
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count >= 8 {
            return UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self))
        }
        var v: UInt64 = 0
        for i in 0..<min(bytes.count, 8) { v |= UInt64(bytes[i]) << (8 * i) }
        return v
    }

    /// A key that must be present.
    public static func required<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V>) -> ManifestField {
        let offset = FieldStorage.offset(of: path)
        return ManifestField(
            key: key, shortcut: .of(V.self, offset: offset, optional: false),
            decode: { root, d, value in
                if let v: V = d.decode(key, value: value, required: true) {
                    FieldStorage.assign(v, to: path, offset: offset, in: &root)
                }
            },
            encode: { root, tree in root[keyPath: path].encode(into: &tree) },
            encodeValue: { root, c in try c.encode(root[keyPath: path], forKey: FieldKey(key)) })
    }

    /// A key that may be absent.
    public static func optional<V: ManifestValue>(_ key: String, _ path: WritableKeyPath<Root, V?>) -> ManifestField {
        let offset = FieldStorage.offset(of: path)
        return ManifestField(
            key: key, shortcut: .of(V.self, offset: offset, optional: true),
            decode: { root, d, value in
                let v: V? = d.decode(key, value: value)
                FieldStorage.assign(v, to: path, offset: offset, in: &root)
            },
            encode: { root, tree in root[keyPath: path].map { $0.encode(into: &tree) } },
            encodeValue: { root, c in try c.encodeIfPresent(root[keyPath: path], forKey: FieldKey(key)) })
    }
}
