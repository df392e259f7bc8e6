import BoshYAML

/// `canary_watch_time` / `update_watch_time`: milliseconds, either one value or a range `"1000-30000"`.
///
/// With a range the director waits `lowerBound` ms before the first check, then polls until `upperBound`.
public struct WatchTime: Hashable, Sendable, ManifestValue, CustomStringConvertible {
    /// When to check first (ms).
    public var lowerBound: Int
    /// When to give up (ms).
    public var upperBound: Int
    /// Whether it was written as a range.
    public var isRange: Bool

    /// One value: check once after `milliseconds`.
    public init(milliseconds: Int) {
        lowerBound = milliseconds
        upperBound = milliseconds
        isRange = false
    }

    /// A range of milliseconds.
    public init(from lower: Int, to upper: Int) {
        lowerBound = lower
        upperBound = upper
        isRange = true
    }

    /// Parses `"5000"` or `"1000-30000"`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " ")
        }
        switch parts.count {
        case 1:
            guard let v = Int(parts[0]), v >= 0 else { return nil }
            self.init(milliseconds: v)
        case 2:
            guard let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b >= a else { return nil }
            self.init(from: a, to: b)
        default:
            return nil
        }
    }

    public var description: String { isRange ? "\(lowerBound)-\(upperBound)" : String(lowerBound) }

    public static func decode(_ d: NodeDecoder) -> WatchTime? {
        if case .int(let v)? = d.tree.resolved(d.id), v >= 0 { return WatchTime(milliseconds: Int(v)) }
        if d.tree.kind(d.id) == .scalar, let v = WatchTime(d.tree.canonicalText(d.id)) { return v }
        d.typeMismatch(expected: "milliseconds or a range such as \"1000-30000\"")
        return nil
    }

    public func encode(into tree: inout YAMLTree) -> YAMLTree.NodeID {
        isRange ? tree.addString(description) : tree.addInt(lowerBound)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
