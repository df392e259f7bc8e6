@_spi(BoshKitInternals) import BoshYAML
import Testing

/// `YAMLTree.RawView` reads what the public accessors read, and stays valid when the tree changes.
@Suite struct RawViewTests {
    static let text = """
        base: &b {x: 1, y: 'two'}
        list: [a, "b", *b]
        merged:
          <<: *b
          z: |
            block
        tagged: !!str 3
        """

    @Test func agreesWithThePublicAccessors() throws {
        let tree = try YAMLParser.parse(Self.text, file: "raw.yml")
        let raw = tree.rawView
        #expect(raw.count == tree.nodeCount)
        for i in 0..<tree.nodeCount {
            let id = YAMLTree.NodeID(Int32(i))
            let ref = Int32(i)
            #expect(raw.kind(ref) == tree.kind(id))
            #expect(raw.count(ref) == tree.count(id))
            #expect(raw.style(ref) == tree.style(id))
            #expect(raw.hasTag(ref) == (tree.tag(id) != nil))
            #expect(raw.isPlainUntagged(ref) == (tree.kind(id) == .scalar && tree.style(id) == .plain && tree.tag(id) == nil))
            #expect(String(decoding: raw.scalarBytes(ref), as: UTF8.self) == tree.text(id))
            switch tree.kind(id) {
            case .scalar: break
            case .sequence:
                #expect((0..<raw.count(ref)).map { raw.child(ref, $0) } == tree.items(id).map { Int32($0.index) })
            case .mapping:
                let entries = tree.entries(id)
                #expect((0..<raw.count(ref)).map { raw.child(ref, 2 * $0) } == entries.map { Int32($0.key.index) })
                #expect((0..<raw.count(ref)).map { raw.child(ref, 2 * $0 + 1) } == entries.map { Int32($0.value.index) })
            }
        }
    }

    @Test func aViewOutlivesChangesToItsTree() throws {
        var tree = try YAMLParser.parse(Self.text, file: "raw.yml")
        let raw = tree.rawView
        let before = (0..<raw.count).map { String(decoding: raw.scalarBytes(Int32($0)), as: UTF8.self) }
        for k in 0..<2_000 { _ = tree.addString("added-\(k)") }
        #expect(tree.nodeCount == raw.count + 2_000)
        #expect((0..<raw.count).map { String(decoding: raw.scalarBytes(Int32($0)), as: UTF8.self) } == before)
    }
}
