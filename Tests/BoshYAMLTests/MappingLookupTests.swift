import BoshKitTestSupport
import BoshYAML
import Testing

/// `YAMLTree.mappings(in:whereKey:isString:)`, go-patch's `key=value` array lookup, against the per-node
/// `isString(_:equalTo:)` it replaced in the ops engine.
@Suite struct MappingLookupTests {
    @Test func matchesOnlyStringValuesOfTheKey() throws {
        let tree = try YAMLParser.parse(
            """
            - {name: web, jobs: []}
            - {jobs: [], name: web}
            - {name: db}
            - [name, web]
            - name
            - {name: 1}
            - {other: web}
            - {name: "web"}
            - {name: !!str web}
            - {name: ''}
            - {"name": web, label: x}
            - {name: web2}
            - {name: wéb}
            - {1: web, "name": one}
            """)
        let items = Array(tree.items(try #require(tree.root)))
        #expect(tree.mappings(in: items, whereKey: "name", isString: "web") == [0, 1, 7, 8, 10])
        #expect(tree.mappings(in: items, whereKey: "name", isString: "1") == [])
        #expect(tree.mappings(in: items, whereKey: "name", isString: "") == [9])
        #expect(tree.mappings(in: items, whereKey: "name", isString: "wéb") == [12])
        #expect(tree.mappings(in: items, whereKey: "label", isString: "x") == [10])
        #expect(tree.mappings(in: items, whereKey: "missing", isString: "web") == [])
        #expect(tree.mappings(in: items, whereKey: "1", isString: "web") == [])
        #expect(tree.mappings(in: items, whereKey: "name", isString: "one") == [13])
        #expect(tree.mappings(in: [], whereKey: "name", isString: "web") == [])
    }

    @Test func agreesWithIsStringOnRandomItems() throws {
        var random = SplitMix(seed: 22)
        let words = ["a", "b", "ab", "", "1", "true", "~", "null", "é", "name", "key"]
        for _ in 0..<200 {
            var lines: [String] = []
            for _ in 0..<random.below(8) {
                let pairs = (0..<random.below(4)).map { _ in
                    let key = random.pick(words), value = random.pick(words)
                    // Keys quoted or plain (`1`, `true`, `~` are then not strings); empty values written as `''`.
                    return "\(random.below(2) == 0 ? "\"\(key)\"" : key.isEmpty ? "''" : key): \(value.isEmpty ? "''" : value)"
                }
                lines.append(random.below(5) == 0 ? "- [\(pairs.count)]" : "- {\(pairs.joined(separator: ", "))}")
            }
            guard !lines.isEmpty else { continue }
            let source = lines.joined(separator: "\n") + "\n"
            guard let tree = try? YAMLParser.parse(source), let root = tree.root else { continue }
            let items = Array(tree.items(root))
            let key = random.pick(words), value = random.pick(words)
            let expected = items.indices.filter { i in
                guard tree.kind(items[i]) == .mapping else { return false }
                guard let entry = tree.entries(items[i]).first(where: { tree.isString($0.key, equalTo: key) }) else { return false }
                return tree.isString(entry.value, equalTo: value)
            }
            #expect(tree.mappings(in: items, whereKey: key, isString: value) == expected, "\(source) \(key)=\(value)")
        }
    }
}
