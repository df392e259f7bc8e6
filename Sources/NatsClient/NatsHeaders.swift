/// NATS message headers: an ordered multimap of names to values plus the optional status line.
///
/// Names keep their case as sent; lookups are case-sensitive like the NATS servers and nats.go.
public struct NatsHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The name–value pairs in order.
    public private(set) var entries: [(name: String, value: String)] = []

    /// The status code of a header block such as `NATS/1.0 503`, if any (`503` means no responders).
    public var status: Int?

    /// The text after the status code, e.g. `Request Timeout`.
    public var statusDescription: String?

    /// Creates empty headers.
    public init() {}

    /// Creates headers from literal pairs: `["Trace-Id": "42"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        entries = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name`, or `nil`; setting replaces all values for `name` (`nil` removes them).
    public subscript(name: String) -> String? {
        get { entries.first { $0.name == name }?.value }
        set {
            entries.removeAll { $0.name == name }
            if let newValue { entries.append((name: name, value: newValue)) }
        }
    }

    /// All values for `name`, in order.
    public func values(for name: String) -> [String] { entries.filter { $0.name == name }.map(\.value) }

    /// Adds a value for `name`, keeping existing ones.
    public mutating func append(_ value: String, for name: String) { entries.append((name: name, value: value)) }

    /// Whether there are no entries and no status.
    public var isEmpty: Bool { entries.isEmpty && status == nil }

    /// Iterates the name–value pairs in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { entries.makeIterator() }

    /// Headers are equal when status, description and the ordered pairs are.
    public static func == (lhs: NatsHeaders, rhs: NatsHeaders) -> Bool {
        lhs.status == rhs.status && lhs.statusDescription == rhs.statusDescription
            && lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes status and pairs in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.value)
        }
    }
}
