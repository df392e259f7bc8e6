import BoshYAML

/// go-patch's replace / remove / find over a ``YAMLTree``, copying the containers on the path.
struct PatchEngine {
    var tree: YAMLTree
    let pointer: PatchPointer
    var tokens: [PatchPointer.Token] { pointer.tokens }

    /// A go-patch error message.
    struct Failure: Error {
        let message: String
        /// Set for the two "missing" errors `test absent` accepts at the full path.
        var missingAtPath: String?
        init(_ message: String, missingAtPath: String? = nil) {
            self.message = message
            self.missingAtPath = missingAtPath
        }
    }

    init(tree: YAMLTree, pointer: PatchPointer) {
        self.tree = tree
        self.pointer = pointer
    }

    // MARK: - Node helpers

    func path(_ k: Int) -> String { pointer.prefix(k + 1) }

    /// Go's `%T` of the decoded value.
    func goType(_ id: YAMLTree.NodeID) -> String {
        switch tree.kind(id) {
        case .mapping: return "map[interface {}]interface {}"
        case .sequence: return "[]interface {}"
        case .scalar:
            switch tree.scalarKind(id) {
            case .null: return "<nil>"
            case .bool: return "bool"
            case .int: return "int"
            case .uint: return "uint64"
            case .float: return "float64"
            case .string: return "string"
            }
        }
    }

    func requireArray(_ id: YAMLTree.NodeID, _ k: Int) throws -> [YAMLTree.NodeID] {
        guard tree.kind(id) == .sequence else {
            throw Failure("Expected to find an array at path '\(path(k))' but found '\(goType(id))'")
        }
        return Array(tree.items(id))
    }

    func requireMap(_ id: YAMLTree.NodeID, _ k: Int) throws -> [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)] {
        guard tree.kind(id) == .mapping else {
            throw Failure("Expected to find a map at path '\(path(k))' but found '\(goType(id))'")
        }
        return Array(tree.entries(id))
    }

    /// The entry whose key is the string `key` (Go map lookup with a string key).
    func entryIndex(_ entries: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)], _ key: String) -> Int? {
        entries.firstIndex { tree.isString($0.key, equalTo: key) }
    }

    func missingKey(_ key: String, _ entries: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)], _ k: Int) -> Failure {
        let siblings: String
        if entries.isEmpty {
            siblings = "found no other map keys"
        } else {
            let keys = entries.compactMap { tree.kind($0.key) == .scalar && tree.scalarKind($0.key) == .string ? tree.text($0.key) : nil }
            siblings = "found map keys: '" + keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.joined(separator: "', '") + "'"
        }
        return Failure("Expected to find a map key '\(key)' for path '\(path(k))' (\(siblings))", missingAtPath: path(k))
    }

    /// Indices of array items that are maps whose `key` is the string `value`.
    func matches(_ items: [YAMLTree.NodeID], key: String, value: String) -> [Int] {
        tree.mappings(in: items, whereKey: key, isString: value)
    }

    /// go-patch ArrayIndex: `prev`/`next` applied, negative from the end, range-checked.
    func concreteIndex(_ index: Int, _ modifiers: [PatchPointer.Modifier], count: Int, _ k: Int) throws -> Int {
        var result = index
        for m in modifiers {
            switch m {
            case .prev: result -= 1
            case .next: result += 1
            case .before, .after:
                throw Failure(
                    "Expected to find one of the following modifiers: 'prev', 'next', but found modifier '\(m.goTypeName)'")
            }
        }
        if result >= count || -result - 1 >= count {
            throw Failure(
                "Expected to find array index '\(result)' but found array of length '\(count)' for path '\(path(k))'",
                missingAtPath: path(k))
        }
        return result < 0 ? count + result : result
    }

    /// go-patch ArrayInsertion: like ``concreteIndex`` but `before`/`after` (last) insert instead of replace.
    func insertion(_ index: Int, _ modifiers: [PatchPointer.Modifier], count: Int, _ k: Int) throws -> (Int, insert: Bool) {
        var mods: [PatchPointer.Modifier] = []
        var before = false
        var after = false
        for m in modifiers {
            if before {
                throw Failure("Expected to not find any modifiers after 'before' modifier, but found modifier '\(m.goTypeName)'")
            }
            if after {
                throw Failure("Expected to not find any modifiers after 'after' modifier, but found modifier '\(m.goTypeName)'")
            }
            switch m {
            case .before: before = true
            case .after: after = true
            default: mods.append(m)
            }
        }
        var number = try concreteIndex(index, mods, count: count, k)
        if after && number != count { number += 1 }
        return (number, before || after)
    }

    mutating func setting(_ items: [YAMLTree.NodeID], _ i: Int, to value: YAMLTree.NodeID, insert: Bool) -> YAMLTree.NodeID {
        var items = items
        if insert { items.insert(value, at: i) } else { items[i] = value }
        return tree.addSequence(items)
    }

    mutating func setting(
        _ entries: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)], key: String, at index: Int?, to value: YAMLTree.NodeID
    ) -> YAMLTree.NodeID {
        var entries = entries
        if let index {
            entries[index].value = value
        } else {
            entries.append((tree.addString(key), value))
        }
        return tree.addMapping(entries)
    }
}
