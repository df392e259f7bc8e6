/// The director's array comparison: elements are compared whole (`Array#-`, so reordering alone shows
/// nothing); added maps are matched to removed ones by `name` (or by `range` for subnets) and diffed in place;
/// everything else is a whole added element, and unmatched removed elements come last as one block.
extension Changeset {
    /// Ruby's `old == new` for two lists, walked as ``ValueComparison/equal(_:_:_:_:strict:)`` walks them:
    /// `nil` when they are equal; otherwise, for each position before the first unequal pair, whether the
    /// two elements there are `eql?` both ways (so `Array#-` need not walk them again).
    func listEquality(_ before: Int32, _ after: Int32) throws(DiffError) -> [Bool]? {
        let n = old.count(before)
        guard n == new.count(after) else { return [] }
        var same: [Bool] = []
        for i in 0..<n {
            var notes = EqualityNotes()
            guard try ValueComparison.equal(old, old.item(before, i), new, new.item(after, i), strict: false, notes: &notes)
            else { return same }
            same.append(notes.strictInBothDirections)
        }
        return nil
    }

    /// The lines for two lists that differ; `sameAt[i]` says the elements at position `i` are `eql?`.
    func compareArrays(
        _ before: Int32, _ after: Int32, header: String, sameAt: [Bool] = [], indent: Int, into lines: inout [DiffLine]
    ) throws(DiffError) {
        let oldItems = (0..<old.count(before)).map { old.item(before, $0) }
        let newItems = (0..<new.count(after)).map { new.item(after, $0) }
        var matchedOld = Array(repeating: false, count: oldItems.count)
        var walks = PairWalks()
        let added = try difference(newItems, new, minus: oldItems, old, sameAt: sameAt, matched: &matchedOld, walks: &walks)
        var unused: [Bool] = []
        var removed = RemovedElements(
            try difference(
                oldItems, old, minus: newItems, new, sameAt: sameAt, matched: &unused, walks: &walks, known: matchedOld,
                swapped: true))
        var addedChecks: [FieldCheck]? = nil
        // The body goes straight after the header, which is dropped again when the body is empty.
        let mark = lines.count
        lines.append(DiffLine(indent: indent, text: header, state: .unchanged))
        let beforeRedacted = old.isRedacted(before)
        let afterRedacted = new.isRedacted(after)
        for element in added {
            let asAdded = DumpValue.list([.node(element, redactedLeaf: afterRedacted)])
            guard new.kind(element) == .mapping else {
                try append(asAdded, new, new, indent, .added, &lines)
                continue
            }
            // Ruby's `(added + removed).all? { |e| e.first[field] }` for both fields, from checks made once
            // per element (the added list is fixed; the removed one only loses elements).
            if addedChecks == nil { addedChecks = RemovedElements.fields.map { firstFailing(added, new, $0) } }
            func allHave(_ f: Int) throws(DiffError) -> Bool {
                switch addedChecks![f] {
                case .ok: return try removed.allHave(f, self)
                case .falsy: return false
                case .failed(let error): throw error
                }
            }
            let f: Int
            if try allHave(0) {
                f = 0
                _ = try allHave(1)
            } else if try allHave(1) {
                f = 1
            } else {
                try append(asAdded, new, new, indent, .added, &lines)
                continue
            }
            let field = RemovedElements.fields[f]
            let wanted = try index(new, element, field)
            guard let position = try removed.firstMatch(wanted, f, self) else {
                try append(asAdded, new, new, indent, .added, &lines)
                continue
            }
            let match = removed.refs[position]
            try removed.removeAll(equalTo: match, self)
            guard old.kind(match) == .mapping else {
                throw unsupported(old, match, "an array mixes maps with strings containing '\(field)'")
            }
            let elementMark = lines.count
            let equalEntries = fastPaths ? walks.leadingEqualEntries(new: element, old: match) : 0
            try diffMaps(match, element, knownEqualEntries: equalEntries, indent: indent + 1, into: &lines)
            if lines.count > elementMark {
                let nameValue: DumpValue
                if let v = try new.value(element, forStringKey: field) {
                    nameValue = .node(v, redactedLeaf: new.isRedacted(element))
                } else {
                    nameValue = .scalar(.null)
                }
                var name: [DiffLine] = []
                try append(.list([.map([(.text(field), nameValue)])]), new, new, indent, .unchanged, &name)
                lines.insert(contentsOf: name, at: elementMark)
            }
        }
        let left = removed.remaining
        if !left.isEmpty {
            try append(.list(left.map { .node($0, redactedLeaf: beforeRedacted) }), old, old, indent, .removed, &lines)
        }
        if lines.count == mark + 1 { lines.removeLast() }
    }

    /// `a - b`: the elements of `a` with no `eql?` element in `b`, in order (duplicates kept). The positions in
    /// `b` found equal are set in `matched` (when it has room for them); positions of `a` set in `known` are
    /// already known to have a match.
    /// `sameAt[i]` says `a[i]` and `b[i]` are `eql?`: that pair is taken as equal without a walk. Without
    /// `swapped`, `a` is the new list and what its unequal walks learned goes into `walks`; with it, `a` is the
    /// old list and the pairs `walks` knows to be unequal are not walked again.
    private func difference(
        _ a: [Int32], _ da: DiffDocument, minus b: [Int32], _ db: DiffDocument, sameAt: [Bool], matched: inout [Bool],
        walks: inout PairWalks, known: [Bool] = [], swapped: Bool = false
    ) throws(DiffError) -> [Int32] {
        var buckets = HashBuckets(capacity: b.count)
        for (j, y) in b.enumerated() { buckets.add(j, hash: try ValueComparison.shallowHash(db, y)) }
        var result: [Int32] = []
        for (i, x) in a.enumerated() where !(i < known.count && known[i]) {
            let same = i < sameAt.count && sameAt[i]
            let match = try buckets.first(hash: try ValueComparison.shallowHash(da, x)) { j throws(DiffError) in
                if same && j == i { return true }
                if fastPaths && swapped && walks.areUnequal(new: b[j], old: x) { return false }
                var notes = EqualityNotes()
                if try ValueComparison.equal(da, x, db, b[j], strict: true, notes: &notes) { return true }
                if !swapped { walks.recordUnequal(new: x, old: b[j], notes) }
                return false
            }
            if let j = match {
                if j < matched.count { matched[j] = true }
            } else {
                result.append(x)
            }
        }
        return result
    }

    /// What `e['name']` gives for an element: a map's value, or for a string the substring itself.
    enum Indexed {
        case missing
        case node(DiffDocument, Int32)
        case text(String)
    }

    func index(_ doc: DiffDocument, _ element: Int32, _ field: String) throws(DiffError) -> Indexed {
        switch doc.kind(element) {
        case .mapping:
            guard let v = try doc.value(element, forStringKey: field) else { return .missing }
            return .node(doc, v)
        case .sequence:
            throw unsupported(doc, element, "an array mixes maps with lists")
        case .scalar:
            switch try doc.scalar(element) {
            case .string(let s), .symbol(let s): return s.contains(field) ? .text(field) : .missing
            case .null: return .missing
            default: throw unsupported(doc, element, "an array mixes maps with numbers or booleans")
            }
        }
    }

    /// What `e.first[field]` says about one element of `.all?`: skipped (nil element) or truthy, falsy, or an
    /// error.
    enum FieldCheck {
        case ok
        case falsy
        case failed(DiffError)
    }

    func check(_ doc: DiffDocument, _ e: Int32, _ field: String) -> FieldCheck {
        do throws(DiffError) {
            if doc.kind(e) == .scalar, try doc.isNull(e) { return .ok }
            switch try index(doc, e, field) {
            case .missing: return .falsy
            case .text: return .ok
            case .node(let d, let v):
                if d.kind(v) == .scalar, d.stringBytes(v) == nil, !(try d.scalar(v).isTruthy) { return .falsy }
                return .ok
            }
        } catch {
            return .failed(error)
        }
    }

    /// The first element of `elements` whose check is not ``FieldCheck/ok`` (`.ok` when there is none).
    private func firstFailing(_ elements: [Int32], _ doc: DiffDocument, _ field: String) -> FieldCheck {
        for e in elements {
            let result = check(doc, e, field)
            if case .ok = result { continue }
            return result
        }
        return .ok
    }

    func sameIndex(_ a: Indexed, _ b: Indexed) throws(DiffError) -> Bool {
        switch (a, b) {
        case (.missing, .missing): return true
        case (.text(let x), .text(let y)): return x == y
        case (.node(let da, let x), .node(let db, let y)): return try ValueComparison.equal(da, x, db, y, strict: false)
        case (.text(let t), .node(let d, let v)), (.node(let d, let v), .text(let t)):
            guard d.kind(v) == .scalar else { return false }
            return try d.scalar(v) == .string(t)
        default:
            // nil == a null value
            if case .missing = a, case .node(let d, let v) = b { return try d.isNull(v) }
            if case .missing = b, case .node(let d, let v) = a { return try d.isNull(v) }
            return false
        }
    }

    private func unsupported(_ doc: DiffDocument, _ ref: Int32, _ what: String) -> DiffError {
        DiffError(.unsupported, file: doc.file, mark: doc.mark(ref), message: "the director cannot diff this: \(what)")
    }
}
