import BoshYAML

/// Finds the keys a document has that the BOSH director does not read.
enum UnknownKeys {
    /// A warning per unknown key under `schema`, at the key's position, with the known key it probably
    /// meant when one is close. Keys that are `((variables))` and the merge key `<<` are not checked.
    static func find(in tree: YAMLTree, schema: KnownKeys) -> [ManifestProblem] {
        guard let rootID = tree.root else { return [] }
        var problems: [ManifestProblem] = []
        walk(TreeCursor(tree: tree, id: rootID, path: .root), schema, into: &problems)
        return problems
    }

    private static func walk(_ cursor: TreeCursor, _ schema: KnownKeys, into problems: inout [ManifestProblem]) {
        let tree = cursor.tree
        switch schema {
        case .any:
            return
        case .list(let item):
            for entry in cursor.items { walk(entry, item, into: &problems) }
        case .map(let fields):
            guard tree.kind(cursor.id) == .mapping else { return }
            for (key, _) in tree.entries(cursor.id) where tree.kind(key) == .scalar {
                let name = tree.canonicalText(key)
                if let field = fields[name] {
                    if let child = cursor[name] { walk(child, field, into: &problems) }
                    continue
                }
                if name == "<<" || name.contains("((") { continue }
                let suggestion = KeySuggestion.closest(to: name, in: Array(fields.keys))
                problems.append(
                    ManifestProblem(
                        file: tree.file, mark: tree.mark(key), path: cursor.path.appending(key: name).description,
                        message: "unknown key '\(name)'" + (suggestion.map { ": did you mean '\($0)'?" } ?? ""),
                        severity: .warning))
            }
        }
    }
}
