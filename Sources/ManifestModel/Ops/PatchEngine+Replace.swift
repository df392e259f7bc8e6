import BoshYAML

extension PatchEngine {
    /// go-patch ReplaceOp: returns the new node standing for `node`.
    mutating func replace(_ node: YAMLTree.NodeID, value: YAMLNode) throws -> YAMLTree.NodeID {
        let cloned = tree.importNode(value.id, from: value.tree, roundTrip: true)
        if tokens.count == 1 { return cloned }
        return try replace(node, 1, cloned)
    }

    private mutating func replace(_ node: YAMLTree.NodeID, _ k: Int, _ value: YAMLTree.NodeID) throws -> YAMLTree.NodeID {
        let isLast = k == tokens.count - 1
        switch tokens[k] {
        case .index(let index, let modifiers):
            let items = try requireArray(node, k)
            if isLast {
                let (i, insert) = try insertion(index, modifiers, count: items.count, k)
                return setting(items, i, to: value, insert: insert)
            }
            let i = try concreteIndex(index, modifiers, count: items.count, k)
            return setting(items, i, to: try replace(items[i], k + 1, value), insert: false)

        case .afterLast:
            var items = try requireArray(node, k)
            guard isLast else { throw Failure("Expected after last index token to be last in path '\(pointer)'") }
            items.append(value)
            return tree.addSequence(items)

        case .matching(let key, let matchValue, let optional, let modifiers):
            var items = try requireArray(node, k)
            let found = matches(items, key: key, value: matchValue)
            if optional && found.isEmpty {
                if isLast {
                    items.append(value)
                } else {
                    let created = tree.addMapping([(tree.addString(key), tree.addString(matchValue))])
                    items.append(try replace(created, k + 1, value))
                }
                return tree.addSequence(items)
            }
            guard found.count == 1 else {
                throw Failure("Expected to find exactly one matching array item for path '\(path(k))' but found \(found.count)")
            }
            if isLast {
                let (i, insert) = try insertion(found[0], modifiers, count: items.count, k)
                return setting(items, i, to: value, insert: insert)
            }
            let i = try concreteIndex(found[0], modifiers, count: items.count, k)
            return setting(items, i, to: try replace(items[i], k + 1, value), insert: false)

        case .key(let key, let optional):
            let entries = try requireMap(node, k)
            let index = entryIndex(entries, key)
            if index == nil && !optional { throw missingKey(key, entries, k) }
            if isLast { return setting(entries, key: key, at: index, to: value) }
            let child: YAMLTree.NodeID
            if let index {
                child = entries[index].value
            } else {
                switch tokens[k + 1] {
                case .afterLast, .matching: child = tree.addSequence([])
                case .key: child = tree.addMapping([])
                default:
                    throw Failure(
                        "Expected to find key, matching index or after last index token at path '\(pointer.prefix(k + 2))'")
                }
            }
            return setting(entries, key: key, at: index, to: try replace(child, k + 1, value))

        case .root:
            throw Failure("Expected to not find token '\(tokens[k].goTypeName)' at path '\(path(k))'")
        }
    }
}
