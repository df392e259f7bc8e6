@_spi(BoshKitInternals) import BoshYAML

/// The removed side of one array comparison while added maps are matched against it: the elements in order,
/// which are still there, and indexes that keep each added map's work independent of the list's length.
/// Every answer is the one a scan of the remaining elements in order would give, errors included; the
/// indexes only skip elements the scan would pass over without effect.
struct RemovedElements {
    static let fields = ["name", "range"]
    /// Below this many remaining elements, scans are cheaper than building indexes.
    private static let scanLimit = 8

    let refs: [Int32]
    private var alive: [Bool]
    private var aliveCount: Int
    /// Per field: each element's ``Changeset/FieldCheck``, and how many remaining ones are not `.ok`.
    private var checks: [[Changeset.FieldCheck]?] = [nil, nil]
    private var failingAlive = [0, 0]
    /// Per field: the positions whose `e.first[field]` loads as a string, by that string, in order.
    private var byName: [[String: [Int]]?] = [nil, nil]
    /// Maps whose first entry has a scalar key and an ASCII string value: by key, then by the hash of
    /// the value; `irregular`: every other map.
    private var byFirstEntry: [FirstKey: [Int: [Int]]]? = nil
    private var irregular: [Int] = []

    /// A key's exact bytes (not a `String`: strings compare canonically, the walk compares bytes).
    private struct FirstKey: Hashable {
        let bytes: [UInt8]
        let plain: Bool
    }

    init(_ refs: [Int32]) {
        self.refs = refs
        alive = Array(repeating: true, count: refs.count)
        aliveCount = refs.count
    }

    /// The remaining elements, in order.
    var remaining: [Int32] { refs.indices.filter { alive[$0] }.map { refs[$0] } }

    private mutating func remove(_ p: Int) {
        alive[p] = false
        aliveCount -= 1
        for f in 0..<2 {
            guard let c = checks[f] else { continue }
            if case .ok = c[p] {} else { failingAlive[f] -= 1 }
        }
    }

    /// `.all?` over the remaining elements: false at the first falsy one, its error at the first failing one.
    mutating func allHave(_ f: Int, _ changeset: Changeset) throws(DiffError) -> Bool {
        if checks[f] == nil {
            let c = refs.map { changeset.check(changeset.old, $0, Self.fields[f]) }
            checks[f] = c
            failingAlive[f] = 0
            for p in refs.indices where alive[p] {
                if case .ok = c[p] {} else { failingAlive[f] += 1 }
            }
        }
        if failingAlive[f] == 0 { return true }
        for p in refs.indices where alive[p] {
            switch checks[f]![p] {
            case .ok: continue
            case .falsy: return false
            case .failed(let error): throw error
            }
        }
        return true
    }

    /// The first remaining element whose `field` equals `wanted` (Ruby's `removed.find`). Only called once
    /// ``allHave(_:_:)`` holds for `f`, so every remaining element's `field` loads.
    mutating func firstMatch(_ wanted: Changeset.Indexed, _ f: Int, _ changeset: Changeset) throws(DiffError) -> Int? {
        let field = Self.fields[f]
        // A string name equals exactly the names that load as the same string (or a string element's `field`).
        if aliveCount > Self.scanLimit, case .node(let d, let w) = wanted, d.kind(w) == .scalar,
            let name = Self.loadedString(d, w)
        {
            if byName[f] == nil {
                var index: [String: [Int]] = [:]
                for p in refs.indices {
                    switch try? changeset.index(changeset.old, refs[p], field) {
                    case .node(let doc, let v)?:
                        if doc.kind(v) == .scalar, let s = Self.loadedString(doc, v) { index[s, default: []].append(p) }
                    case .text(let t)?: index[t, default: []].append(p)
                    default: continue
                    }
                }
                byName[f] = index
            }
            for p in byName[f]![name] ?? [] where alive[p] { return p }
            return nil
        }
        for p in refs.indices where alive[p] {
            if try changeset.sameIndex(try changeset.index(changeset.old, refs[p], field), wanted) { return p }
        }
        return nil
    }

    /// Ruby's `removed.delete(match)`: drops every remaining element `==` to `match`. An element whose first
    /// entry has the same key as `match`'s and a different ASCII string value is unequal at that entry (the
    /// comparison stops there, loading nothing), so only the others are compared.
    mutating func removeAll(equalTo match: Int32, _ changeset: Changeset) throws(DiffError) {
        let doc = changeset.old
        guard aliveCount > Self.scanLimit, doc.kind(match) == .mapping, let first = Self.firstEntry(doc, match) else {
            for p in refs.indices where alive[p] {
                if try equal(p, match, doc) { remove(p) }
            }
            return
        }
        if byFirstEntry == nil {
            var index: [FirstKey: [Int: [Int]]] = [:]
            for p in refs.indices where doc.kind(refs[p]) == .mapping {
                if let e = Self.firstEntry(doc, refs[p]) {
                    index[e.key, default: [:]][e.valueHash, default: []].append(p)
                } else {
                    irregular.append(p)
                }
            }
            byFirstEntry = index
        }
        // Elements that are not maps are never equal to a map, without loading anything.
        var candidates = irregular
        for (k, byValue) in byFirstEntry! {
            if k == first.key {
                candidates += byValue[first.valueHash] ?? []
            } else {
                for (_, positions) in byValue { candidates += positions }
            }
        }
        candidates.sort()
        for p in candidates where alive[p] {
            if try equal(p, match, doc) { remove(p) }
        }
    }

    /// `==` between the element at `p` and `match` (both of `doc`); the match itself without walking it when
    /// every value in it equals itself.
    private func equal(_ p: Int, _ match: Int32, _ doc: DiffDocument) throws(DiffError) -> Bool {
        if refs[p] == match && doc.equalsItself(match) { return true }
        return try ValueComparison.equal(doc, refs[p], doc, match, strict: false)
    }

    /// A map's first key (an untagged scalar of the tree: its bytes and plainness decide its value) and the hash
    /// of its first value when that value is an ASCII string read from its bytes.
    private static func firstEntry(_ doc: DiffDocument, _ map: Int32) -> (key: FirstKey, valueHash: Int)? {
        guard doc.count(map) > 0 else { return nil }
        let (k, v) = doc.entry(map, 0)
        guard doc.kind(k) == .scalar, !doc.isSynthetic(k), !doc.hasTag(k), let bytes = doc.stringBytes(v),
            ValueComparison.isASCII(bytes)
        else { return nil }
        return (FirstKey(bytes: Array(doc.raw.scalarBytes(k)), plain: doc.isPlainUntagged(k)), ValueComparison.bytesHash(bytes))
    }

    /// The string a scalar loads as, or `nil` when it loads as something else (or not at all).
    private static func loadedString(_ doc: DiffDocument, _ ref: Int32) -> String? {
        if let bytes = doc.stringBytes(ref) { return String(decoding: bytes, as: UTF8.self) }
        if case .string(let s)? = try? doc.scalar(ref) { return s }
        return nil
    }
}
