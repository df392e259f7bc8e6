import BoshYAML

/// `max_in_flight`: a number of instances, or a percentage of an instance group (`"30%"`).
public enum MaxInFlight: Hashable, Sendable, ManifestValue, CustomStringConvertible {
    /// At most this many instances at once.
    case count(Int)
    /// At most this percentage of the group's instances at once.
    case percent(Int)

    /// Parses `"30%"` or `"3"`.
    public init?(_ text: String) {
        if text.hasSuffix("%") {
            guard let p = Int(text.dropLast()), p >= 0 else { return nil }
            self = .percent(p)
        } else if let n = Int(text), n >= 0 {
            self = .count(n)
        } else {
            return nil
        }
    }

    /// How many instances may update at once out of `total`, as the director computes it: a percentage
    /// rounds down, and the result is at least 1.
    public func limit(total: Int) -> Int {
        switch self {
        case .count(let n): return max(1, n)
        case .percent(let p): return max(1, total * p / 100)
        }
    }

    public var description: String {
        switch self {
        case .count(let n): return String(n)
        case .percent(let p): return "\(p)%"
        }
    }

    public static func decode(_ d: NodeDecoder) -> MaxInFlight? {
        if case .int(let v)? = d.tree.resolved(d.id), v >= 0 { return .count(Int(v)) }
        if d.tree.kind(d.id) == .scalar, let v = MaxInFlight(d.tree.canonicalText(d.id)) { return v }
        d.typeMismatch(expected: "a count or a percentage such as \"30%\"")
        return nil
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID {
        switch self {
        case .count(let n): return tree.addInt(n)
        case .percent: return tree.addString(description)
        }
    }
}
