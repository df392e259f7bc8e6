/// One line of a manifest diff, as the director returns it: its nesting level, its text and whether it was
/// added, removed or is context.
public struct DiffLine: Hashable, Sendable, CustomStringConvertible {
    /// Whether a line is new, gone, or context (a parent key, an array element's name, a blank separator).
    public enum State: String, Hashable, Sendable {
        /// Only in the new document (`+`).
        case added
        /// Only in the old document (`-`).
        case removed
        /// Context shown to place the changes (the director's `null` status).
        case unchanged
    }

    /// The nesting level; the printed line starts with two spaces per level.
    public let indent: Int
    /// The YAML text of the line, without the indentation.
    public let text: String
    /// Added, removed or unchanged.
    public let state: State

    /// Creates a line.
    public init(indent: Int, text: String, state: State) {
        self.indent = indent
        self.text = text
        self.state = state
    }

    /// The line as the director sends it: two spaces per level, then the text.
    public var description: String { String(repeating: "  ", count: indent) + text }
}
