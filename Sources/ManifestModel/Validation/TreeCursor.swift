import BoshYAML

/// A node plus its manifest path, for validation walks over a parsed document.
struct TreeCursor {
    let tree: YAMLTree
    let id: YAMLTree.NodeID
    let path: ManifestPath

    subscript(key: String) -> TreeCursor? {
        tree.value(id, forKey: key).map { TreeCursor(tree: tree, id: $0, path: path.appending(key: key)) }
    }

    /// The items of an array, addressed by `name=` when they have a name.
    var items: [TreeCursor] {
        guard tree.kind(id) == .sequence else { return [] }
        return tree.items(id).enumerated().map { index, item in
            if tree.kind(item) == .mapping, let name = tree.value(item, forKey: "name"), tree.kind(name) == .scalar {
                return TreeCursor(tree: tree, id: item, path: path.appending(name: tree.canonicalText(name)))
            }
            return TreeCursor(tree: tree, id: item, path: path.appending(index: index))
        }
    }

    /// The scalar text, if this is a scalar.
    var text: String? { tree.kind(id) == .scalar ? tree.canonicalText(id) : nil }

    /// Whether this is a `((variable))` placeholder, which validation skips.
    var isVariable: Bool {
        guard let t = text else { return false }
        return t.hasPrefix("((") && t.hasSuffix("))")
    }

    /// Texts of an array of scalars, with their cursors.
    var scalarItems: [TreeCursor] { items.filter { $0.text != nil } }

    func problem(_ message: String) -> ManifestProblem {
        ManifestProblem(file: tree.file, mark: tree.mark(id), path: path.description, message: message)
    }
}

/// Helpers shared by the validators.
enum NameChecks {
    /// The names of the items under `cursor[key]` (by `field`), reporting duplicates.
    static func names(
        of cursor: TreeCursor?, field: String = "name", what: String, into problems: inout [ManifestProblem]
    ) -> Set<String> {
        var seen: [String: TreeCursor] = [:]
        for item in cursor?.items ?? [] {
            guard let nameCursor = item[field], let name = nameCursor.text else { continue }
            if let first = seen[name] {
                let line = first.tree.mark(first.id).line
                problems.append(nameCursor.problem("duplicate \(what) '\(name)' (first defined at line \(line))"))
            } else {
                seen[name] = item
            }
        }
        return Set(seen.keys)
    }

    /// Reports a reference to a name that is not defined.
    static func reference(
        _ cursor: TreeCursor?, in known: Set<String>, what: String, into problems: inout [ManifestProblem]
    ) {
        guard let cursor, let name = cursor.text, !cursor.isVariable else { return }
        if !known.contains(name) {
            let available = known.isEmpty ? "none defined" : "defined: " + known.sorted().joined(separator: ", ")
            problems.append(cursor.problem("unknown \(what) '\(name)' (\(available))"))
        }
    }
}
