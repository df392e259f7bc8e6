import BoshYAML

extension PatchEngine {
    /// go-patch RemoveOp: the new node for `node`, or `nil` when an optional segment was missing (no change).
    mutating func remove(_ node: YAMLTree.NodeID) throws -> YAMLTree.NodeID? {
        guard tokens.count > 1 else { throw Failure("Cannot remove entire document") }
        return try remove(node, 1)
    }

    private mutating func remove(_ node: YAMLTree.NodeID, _ k: Int) throws -> YAMLTree.NodeID? {
        let isLast = k == tokens.count - 1
        switch tokens[k] {
        case .index(let index, let modifiers):
            var items = try requireArray(node, k)
            let i = try concreteIndex(index, modifiers, count: items.count, k)
            if isLast {
                items.remove(at: i)
                return tree.addSequence(items)
            }
            guard let child = try remove(items[i], k + 1) else { return nil }
            return setting(items, i, to: child, insert: false)

        case .matching(let key, let value, let optional, let modifiers):
            var items = try requireArray(node, k)
            let found = matches(items, key: key, value: value)
            if optional && found.isEmpty { return nil }
            guard found.count == 1 else {
                throw Failure("Expected to find exactly one matching array item for path '\(path(k))' but found \(found.count)")
            }
            let i = try concreteIndex(found[0], modifiers, count: items.count, k)
            if isLast {
                items.remove(at: i)
                return tree.addSequence(items)
            }
            guard let child = try remove(items[i], k + 1) else { return nil }
            return setting(items, i, to: child, insert: false)

        case .key(let key, let optional):
            var entries = try requireMap(node, k)
            guard let index = entryIndex(entries, key) else {
                if optional { return nil }
                throw missingKey(key, entries, k)
            }
            if isLast {
                entries.remove(at: index)
                return tree.addMapping(entries)
            }
            guard let child = try remove(entries[index].value, k + 1) else { return nil }
            return setting(entries, key: key, at: index, to: child)

        case .afterLast, .root:
            throw Failure("Expected to not find token '\(tokens[k].goTypeName)' at path '\(path(k))'")
        }
    }
}
