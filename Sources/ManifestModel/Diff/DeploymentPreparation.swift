/// What the director does to a deployment manifest before diffing it: `resolve_aliases` turns every
/// `releases[].version`, `stemcells[].version` and `resource_pools[].stemcell.version` into a string (adding
/// `version: ''` where there is none), and merging the manifest with itself as runtime config de-duplicates
/// the `releases`, `variables` and `addons` lists. `latest` versions and missing stemcell `os` stay as
/// written: filling them needs the director's database.
enum DeploymentPreparation {
    static func apply(to doc: DiffDocument) throws(DiffError) {
        let root = doc.root
        if let pools = try doc.value(root, forStringKey: "resource_pools") {
            try forEachMap(doc, pools, "resource_pools") { pool throws(DiffError) in
                guard let stemcell = try doc.value(pool, forStringKey: "stemcell"), doc.kind(stemcell) == .mapping else {
                    throw unsupported(doc, pool, "a resource pool without a stemcell map")
                }
                try stringifyVersion(doc, stemcell)
            }
        }
        for key in ["stemcells", "releases"] {
            guard let list = try doc.value(root, forStringKey: key) else { continue }
            try forEachMap(doc, list, key) { item throws(DiffError) in try stringifyVersion(doc, item) }
        }
        for key in ["releases", "variables", "addons"] {
            guard let list = try doc.value(root, forStringKey: key) else { continue }
            if doc.kind(list) == .scalar, !(try doc.scalar(list).isTruthy) { continue }
            guard doc.kind(list) == .sequence else { throw unsupported(doc, list, "'\(key)' is not a list") }
            try deduplicate(doc, list)
        }
        if let tags = try doc.value(root, forStringKey: "tags"), doc.kind(tags) != .mapping {
            if doc.kind(tags) != .scalar { throw unsupported(doc, tags, "'tags' is not a map") }
            if try doc.scalar(tags).isTruthy { throw unsupported(doc, tags, "'tags' is not a map") }
        }
    }

    /// Calls `body` for each map element of a list; a string or null is skipped as the director skips it.
    private static func forEachMap(
        _ doc: DiffDocument, _ list: Int32, _ key: String, _ body: (Int32) throws(DiffError) -> Void
    ) throws(DiffError) {
        switch doc.kind(list) {
        case .mapping: return
        case .scalar:
            switch try doc.scalar(list) {
            case .null, .string: return
            default: throw unsupported(doc, list, "'\(key)' is not a list")
            }
        case .sequence:
            for i in 0..<doc.count(list) where doc.kind(doc.item(list, i)) == .mapping { try body(doc.item(list, i)) }
        }
    }

    private static func stringifyVersion(_ doc: DiffDocument, _ map: Int32) throws(DiffError) {
        var entries = (0..<doc.count(map)).map { doc.entry(map, $0) }
        var found: Int? = nil
        var version = "version"
        for (i, e) in entries.enumerated() where doc.kind(e.key) == .scalar {
            // A key that loads as its own bytes is `'version'` exactly when spelled so; others are loaded.
            let isVersion: Bool
            if doc.stringBytes(e.key) != nil {
                isVersion = doc.hasText(e.key, &version)
            } else {
                isVersion = try doc.scalar(e.key) == .string(version)
            }
            if isVersion {
                found = i
                break
            }
        }
        if let index = found {
            let value = entries[index].value
            guard doc.kind(value) == .scalar else { throw unsupported(doc, value, "a version that is not a scalar") }
            if doc.stringBytes(value) != nil { return }  // already a string
            let scalar = try doc.scalar(value)
            if case .string = scalar { return }
            entries[index].value = doc.addString(scalar.rubyDescription)
        } else {
            entries.append((doc.addString("version"), doc.addString("")))
        }
        doc.overrideEntries(map, entries)
    }

    /// `to_set.to_a`: the first of each group of `eql?` elements, in order.
    private static func deduplicate(_ doc: DiffDocument, _ list: Int32) throws(DiffError) {
        var kept: [Int32] = []
        let n = doc.count(list)
        var buckets = HashBuckets(capacity: n)
        for i in 0..<n {
            let item = doc.item(list, i)
            let h = try ValueComparison.shallowHash(doc, item)
            let duplicate = try buckets.first(hash: h) { other throws(DiffError) in
                try ValueComparison.equal(doc, item, doc, Int32(other), strict: true)
            }
            if duplicate != nil { continue }
            buckets.add(Int(item), hash: h)
            kept.append(item)
        }
        if kept.count != n { doc.overrideItems(list, kept) }
    }

    private static func unsupported(_ doc: DiffDocument, _ ref: Int32, _ what: String) -> DiffError {
        DiffError(.unsupported, file: doc.file, mark: doc.mark(ref), message: "the director cannot diff this manifest: \(what)")
    }
}
