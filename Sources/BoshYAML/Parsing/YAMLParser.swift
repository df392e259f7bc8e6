import CLibYAML

/// Parses YAML text into a ``YAMLTree`` with the system libyaml.
///
/// Scalars are typed as Go's yaml.v2 types them, aliases point at their anchored node, merge keys `<<` are
/// applied as yaml.v2 applies them, and duplicate keys are an error naming both lines.
public enum YAMLParser {
    /// The deepest nesting accepted; deeper input is an error rather than a stack of recursion later.
    public static let maximumDepth = 1_000

    /// The largest input accepted, in bytes (2 GiB less one): a tree addresses its nodes, scalar bytes and
    /// source positions with 32 bits. Larger input is an error before any of it is read.
    public static let maximumInputSize = Int(Int32.max)

    /// Parses every document in `text`.
    /// - Parameters:
    ///   - text: YAML source.
    ///   - file: the name used in errors and marks (usually the path).
    public static func parse(_ text: String, file: String = "<yaml>") throws -> YAMLTree {
        var text = text
        return try text.withUTF8 { buffer in try parse(bytes: buffer, file: file) }
    }

    /// Parses every document in a UTF-8 byte buffer.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, file: String = "<yaml>") throws -> YAMLTree {
        try TreeBuilder.buildTree(bytes, file: file)
    }

    /// Parses every document in `bytes`.
    public static func parse(bytes: [UInt8], file: String = "<yaml>") throws -> YAMLTree {
        try bytes.withUnsafeBufferPointer { buffer in try parse(bytes: buffer, file: file) }
    }
}
