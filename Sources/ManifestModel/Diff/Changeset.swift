/// The director's changeset walk over two maps: keys in merged order (the old map's keys, then keys only in
/// the new one); a key whose values differ is shown as an added or removed block, a nested changeset, an
/// array comparison, or a removed block followed by an added one. Comparisons use the real values; what is
/// printed is the redacted view when redacting.
struct Changeset {
    let old: DiffDocument
    let new: DiffDocument
    let redact: Bool
    /// Whether walks already made are reused (list elements found equal by `==`, pairs found unequal by
    /// `Array#-`) and printable ASCII is dumped from its bytes; off only in tests comparing with the plain paths.
    var fastPaths = true
    /// The dumper's buffers, reused from one dumped value to the next.
    let scratch = DumpScratch()

    /// The lines for two maps at `indent` (the director's `Changeset#diff`). The first `knownEqualEntries`
    /// entries of the two maps are known to have the same keys and equal values (an earlier walk found so).
    func diffMaps(
        _ before: Int32, _ after: Int32, knownEqualEntries: Int = 0, indent: Int, into lines: inout [DiffLine]
    ) throws(DiffError) {
        let beforeCount = old.count(before)
        for i in 0..<beforeCount {
            let (key, oldValue) = old.entry(before, i)
            var newValue: Int32? = nil
            if i < new.count(after) {
                let (k2, v2) = new.entry(after, i)
                if old.kind(key) == .scalar && new.kind(k2) == .scalar && ValueComparison.sameSpelling(old, key, new, k2)
                {
                    newValue = v2
                }
            }
            // Known equal: the pair at this position, found by position as the earlier walk found it.
            let knownEqual = newValue != nil && i < knownEqualEntries
            if newValue == nil { newValue = try new.value(after, forKey: key, of: old) }
            try compare(
                key: key, keyDocument: old, oldValue, newValue, before, after, knownEqual: knownEqual, indent: indent,
                into: &lines)
        }
        for i in 0..<new.count(after) {
            let (key, newValue) = new.entry(after, i)
            if i < beforeCount {
                let k0 = old.entry(before, i).key
                if old.kind(k0) == .scalar && new.kind(key) == .scalar && ValueComparison.sameSpelling(old, k0, new, key)
                {
                    continue
                }
            }
            guard try old.value(before, forKey: key, of: new) == nil else { continue }
            try compare(key: key, keyDocument: new, nil, newValue, before, after, indent: indent, into: &lines)
        }
    }

    /// The lines for one key; `knownEqual` says its two values are known to be equal (not walked again).
    private func compare(
        key: Int32, keyDocument: DiffDocument, _ oldValue: Int32?, _ newValue: Int32?, _ before: Int32, _ after: Int32,
        knownEqual: Bool = false, indent: Int, into lines: inout [DiffLine]
    ) throws(DiffError) {
        let oldNil = try oldValue.map { v throws(DiffError) in try old.isNull(v) } ?? true
        let newNil = try newValue.map { v throws(DiffError) in try new.isNull(v) } ?? true
        if oldNil && newNil { return }
        if knownEqual && !oldNil && !newNil { return }
        // Two lists are compared element by element here, noting which leading elements need no second walk.
        var sameAt: [Bool] = []
        // Two maps found unequal: how many leading entries the walk found equal (not walked again below).
        var equalEntries = 0
        if !oldNil && !newNil {
            if fastPaths && old.kind(oldValue!) == .sequence && new.kind(newValue!) == .sequence {
                guard let known = try listEquality(oldValue!, newValue!) else { return }
                sameAt = known
            } else {
                var notes = EqualityNotes()
                if try ValueComparison.equal(old, oldValue!, new, newValue!, strict: false, notes: &notes) { return }
                if fastPaths { equalEntries = notes.leadingEqualEntries }
            }
        }
        let keyDump = DumpValue.node(key, redactedLeaf: false)
        if oldNil {
            try append(.map([(keyDump, .node(newValue!, redactedLeaf: new.isRedacted(after)))]), new, keyDocument, indent, .added, &lines)
            return
        }
        if newNil {
            try append(.map([(keyDump, .node(oldValue!, redactedLeaf: old.isRedacted(before)))]), old, keyDocument, indent, .removed, &lines)
            return
        }
        let o = oldValue!, n = newValue!
        switch (old.kind(o), new.kind(n)) {
        case (.sequence, .sequence):
            try compareArrays(o, n, header: headerText(key, keyDocument), sameAt: sameAt, indent: indent, into: &lines)
        case (.mapping, .mapping):
            // The nested lines go straight after a placeholder for the header (no copy of them per level), which
            // is filled in, or dropped when nothing differs.
            let mark = lines.count
            lines.append(DiffLine(indent: indent, text: "", state: .unchanged))
            try diffMaps(o, n, knownEqualEntries: equalEntries, indent: indent + 1, into: &lines)
            if lines.count > mark + 1 {
                lines[mark] = DiffLine(indent: indent, text: try headerText(key, keyDocument), state: .unchanged)
            } else {
                lines.removeLast()
            }
        default:
            try append(.map([(keyDump, .node(o, redactedLeaf: old.isRedacted(before)))]), old, keyDocument, indent, .removed, &lines)
            try append(.map([(keyDump, .node(n, redactedLeaf: new.isRedacted(after)))]), new, keyDocument, indent, .added, &lines)
        }
    }

    /// `"#{key}:"` — Ruby's `to_s` of the key, never quoted.
    func headerText(_ key: Int32, _ document: DiffDocument) throws(DiffError) -> String {
        guard document.kind(key) == .scalar else { return "\(document.rawText(key)):" }
        return try document.scalar(key).rubyDescription + ":"
    }

    /// Dumps `value` (whose nodes live in `document`; a map key may come from `keyDocument`) as lines.
    func append(
        _ value: DumpValue, _ document: DiffDocument, _ keyDocument: DiffDocument, _ indent: Int, _ state: DiffLine.State,
        _ lines: inout [DiffLine]
    ) throws(DiffError) {
        var value = value
        if keyDocument !== document, case .map(let entries) = value, case .node(let k, _) = entries[0].key {
            // A key from the other side: print it through its own document.
            value = .map([(.scalar(try keyDocument.scalar(k)), entries[0].value)])
        }
        let texts = try PsychDumper.lines(value, document: document, redact: redact, asciiBytePath: fastPaths, scratch: scratch)
        for text in texts {
            lines.append(DiffLine(indent: indent, text: text, state: state))
        }
    }
}
