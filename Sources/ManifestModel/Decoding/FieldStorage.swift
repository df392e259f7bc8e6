/// Writes a field's value straight into its stored property, at the offset `MemoryLayout.offset(of:)` gives
/// for the field's key path, instead of through the key path (whose runtime projection cost about a sixth of
/// decoding cf-deployment).
enum FieldStorage {
    /// The byte offset of the stored property `path` names in `Root`, or `nil` when the key path does not
    /// name stored struct storage (a computed property, a class): such fields are written through the key path.
    static func offset<Root, Value>(of path: WritableKeyPath<Root, Value>) -> Int? {
        MemoryLayout<Root>.offset(of: path)
    }

    /// Assigns `value` to the property of `root` at `offset` (which must come from ``offset(of:)`` for a key
    /// path to a `Value`): the old value is released and the new one kept, as a key path assignment does.
    @inline(__always)
    static func assign<Root, Value>(_ value: Value, at offset: Int, in root: inout Root) {
        withUnsafeMutablePointer(to: &root) { pointer in
            (UnsafeMutableRawPointer(pointer) + offset).assumingMemoryBound(to: Value.self).pointee = value
        }
    }

    /// Assigns `value` to `path` of `root`: at its offset when it has one, through the key path otherwise.
    @inline(__always)
    static func assign<Root, Value>(_ value: Value, to path: WritableKeyPath<Root, Value>, offset: Int?, in root: inout Root) {
        if let offset { assign(value, at: offset, in: &root) } else { root[keyPath: path] = value }
    }
}
