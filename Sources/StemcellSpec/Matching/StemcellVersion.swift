import Foundation

/// Ordering of stemcell versions as the director orders them: `_` read as `.`, then segment by segment
/// (numbers numerically, other text in byte order), so `315.10` is newer than `315.9`.
public enum StemcellVersionOrder {
    /// Whether `lhs` is older than `rhs`.
    public static func isOlder(_ lhs: String, than rhs: String) -> Bool {
        let a = segments(lhs)
        let b = segments(rhs)
        for (x, y) in zip(a, b) where x != y {
            switch (Int(x), Int(y)) {
            case (let i?, let j?): return i < j
            case (.some, nil): return true  // numbers before words (315.1 < 315.build)
            case (nil, .some): return false
            case (nil, nil): return x < y
            }
        }
        return a.count < b.count
    }

    /// Whether `version` starts with `prefix` followed by `.`, `-`, `+` or the end (`315.latest` matches).
    static func hasPrefix(_ version: String, _ prefix: String) -> Bool {
        guard version.hasPrefix(prefix) else { return false }
        let rest = version.dropFirst(prefix.count)
        return rest.isEmpty || [".", "-", "+"].contains(rest.first!)
    }

    private static func segments(_ version: String) -> [String] {
        version.replacingOccurrences(of: "_", with: ".").split(whereSeparator: { ".-+".contains($0) }).map(String.init)
    }
}
