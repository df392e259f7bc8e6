/// The known key a misspelt one most probably meant, by edit distance.
enum KeySuggestion {
    /// The closest of `candidates` to `key`, when it is close enough to be a typo: at most one edit for keys
    /// of up to 4 characters, two up to 10, three beyond (an insertion, a deletion, a substitution or a
    /// swap of two neighbours each count one). Ties go to the first candidate in alphabetical order.
    static func closest(to key: String, in candidates: [String]) -> String? {
        let limit = key.count <= 4 ? 1 : key.count <= 10 ? 2 : 3
        var best: (candidate: String, distance: Int)?
        for candidate in candidates.sorted() {
            let d = distance(key, candidate)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance (Levenshtein plus transpositions of neighbours).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
