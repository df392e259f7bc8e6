import BoshYAML

extension PatchEngine {
    /// go-patch FindOp: the node at the pointer (optional segments that are missing yield `null`, `{}`, `[]`
    /// or the `{key: value}` map go-patch synthesises).
    mutating func find(_ node: YAMLTree.NodeID) throws -> YAMLTree.NodeID {
        var current = node
        var k = 1
        while k < tokens.count {
            let isLast = k == tokens.count - 1
            switch tokens[k] {
            case .index(let index, let modifiers):
                let items = try requireArray(current, k)
                current = items[try concreteIndex(index, modifiers, count: items.count, k)]
            case .afterLast:
                throw Failure("Expected not to find after last index token in path '\(pointer)' (not supported in find operations)")
            case .matching(let key, let value, let optional, let modifiers):
                let items = try requireArray(current, k)
                let found = matches(items, key: key, value: value)
                if optional && found.isEmpty {
                    current = tree.addMapping([(tree.addString(key), tree.addString(value))])
                } else {
                    guard found.count == 1 else {
                        throw Failure(
                            "Expected to find exactly one matching array item for path '\(path(k))' but found \(found.count)")
                    }
                    current = items[try concreteIndex(found[0], modifiers, count: items.count, k)]
                }
            case .key(let key, let optional):
                let entries = try requireMap(current, k)
                if let index = entryIndex(entries, key) {
                    current = entries[index].value
                } else {
                    guard optional else { throw missingKey(key, entries, k) }
                    if isLast { return tree.addNull() }
                    switch tokens[k + 1] {
                    case .matching: current = tree.addSequence([])
                    case .key: current = tree.addMapping([])
                    default:
                        throw Failure("Expected to find key or matching index token at path '\(pointer.prefix(k + 2))'")
                    }
                }
            case .root:
                throw Failure("Expected to not find token '\(tokens[k].goTypeName)' at path '\(path(k))'")
            }
            k += 1
        }
        return current
    }

    /// go-patch TestOp with `absent: true`: succeeds only when the lookup fails for a missing key or index
    /// at the full path.
    mutating func checkAbsent(_ node: YAMLTree.NodeID) throws {
        do {
            _ = try find(node)
        } catch let failure as Failure {
            if failure.missingAtPath == pointer.description { return }
            throw failure
        }
        throw Failure("Expected to not find '\(pointer)'")
    }
}
