import CLibYAML

/// Reads of the fields of an event libyaml has just written that stay inside the stores that wrote them.
///
/// libyaml clears an event with `memset` and then stores its fields one by one. A load that spans two pending
/// stores cannot take its value from them and waits for both to reach the cache. Swift read a style (four bytes)
/// together with the padding after it, and a start mark's line and column as one sixteen-byte load: those waits
/// were half of the tree builder's time per scalar and a sixth per collection.
enum EventFields {
    /// Where the start mark's column lies in `yaml_event_t`.
    static let startColumnOffset =
        MemoryLayout<yaml_event_t>.offset(of: \yaml_event_t.start_mark)! + MemoryLayout<yaml_mark_t>.offset(of: \yaml_mark_t.column)!

    static let scalarStyleOffset = offset { $0.data.scalar.style = YAML_FOLDED_SCALAR_STYLE }
    static let mappingStyleOffset = offset { $0.data.mapping_start.style = YAML_FLOW_MAPPING_STYLE }
    static let sequenceStyleOffset = offset { $0.data.sequence_start.style = YAML_FLOW_SEQUENCE_STYLE }

    /// A scalar event's `style` (a `yaml_scalar_style_t` raw value).
    @inline(__always) static func scalarStyle(_ event: UnsafeMutablePointer<yaml_event_t>) -> UInt32 {
        UnsafeRawPointer(event).load(fromByteOffset: scalarStyleOffset, as: UInt32.self)
    }

    /// A mapping-start event's `style` (a `yaml_mapping_style_t` raw value).
    @inline(__always) static func mappingStyle(_ event: UnsafeMutablePointer<yaml_event_t>) -> UInt32 {
        UnsafeRawPointer(event).load(fromByteOffset: mappingStyleOffset, as: UInt32.self)
    }

    /// A sequence-start event's `style` (a `yaml_sequence_style_t` raw value).
    @inline(__always) static func sequenceStyle(_ event: UnsafeMutablePointer<yaml_event_t>) -> UInt32 {
        UnsafeRawPointer(event).load(fromByteOffset: sequenceStyleOffset, as: UInt32.self)
    }

    /// The start mark's column plus one (the column a ``SourceMark`` reports), read as its low four bytes: a load
    /// of another width than the line's, so the two are not merged into one load across both fields. Columns past
    /// four billion cannot occur: the input is smaller (``YAMLParser/maximumInputSize``).
    @inline(__always) static func startColumn(_ event: UnsafeMutablePointer<yaml_event_t>) -> UInt32 {
        #if _endian(little)
        UnsafeRawPointer(event).load(fromByteOffset: startColumnOffset, as: UInt32.self) &+ 1
        #else
        UInt32(truncatingIfNeeded: event.pointee.start_mark.column &+ 1)
        #endif
    }

    /// Where a four-byte field lies in `yaml_event_t`: `set` stores a non-zero value into it in an event that is
    /// otherwise all zero bytes, and the offset is the one four-byte word that changed. (The union members are
    /// not addressable from Swift, so `MemoryLayout.offset(of:)` cannot tell.)
    static func offset(_ set: (inout yaml_event_t) -> Void) -> Int {
        var event = yaml_event_t()
        withUnsafeMutableBytes(of: &event) { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        set(&event)
        return withUnsafeBytes(of: &event) { bytes in
            let words = (0..<bytes.count / 4).filter { bytes.load(fromByteOffset: $0 * 4, as: UInt32.self) != 0 }
            precondition(words.count == 1, "libyaml's yaml_event_t: a style field is not one aligned word")
            return words[0] * 4
        }
    }
}
