import BoshYAML
import Testing

@testable import ManifestModel

/// Fields read by their shortcut (``FieldShortcut``: straight from the tree into the stored property) and
/// sequences of strings read without a decoder per item give what the general way gives: the same values and
/// the same problems.
@Suite struct FieldShortcutTests {
    /// A map with one field of each kind the shortcuts cover.
    struct Probe: ManifestObject {
        var required = ""
        var optional: String?
        var node: YAMLNode?
        var list: [String]?
        var extra = ExtraKeys()

        init() {}

        static let fields: [ManifestField<Probe>] = [
            .required("required", \.required), .optional("optional", \.optional), .optional("node", \.node),
            .optional("list", \.list),
        ]
    }

    static let samples: [String?] = [
        nil, "abc", "\"quoted\"", "'single'", "\"\"", "1.10", "\"1.10\"", "0x1F", "017", "1_000", "1e3", ".inf", "-.inf",
        ".nan", "true", "yes", "Off", "~", "null", "!!str 3", "!!str", "((variable))", "2001-01-01", "[a, b]", "[]",
        "{a: 1}", "{}", "[a, [b]]", "[a, ~, 1, 2.50, true, \"q\"]", "[a, {b: c}]", "|\n  block\n", ">\n  folded\n",
        "\"\\u00e9t\\u00e9\"",
    ]

    static func document(_ value: String?) -> String {
        guard let value else { return "other: 1\n" }
        return ["required", "optional", "node", "list"].map { "\($0): \(value)\n" }.joined()
    }

    @Test(arguments: samples)
    func shortcutsMatchTheGeneralWay(value: String?) throws {
        let tree = try YAMLParser.parse(Self.document(value), file: "probe.yml")
        let (fast, fastProblems) = Probe.decodeCollectingProblems(tree)

        let sink = ProblemSink()
        let d = NodeDecoder(tree: tree, id: tree.root!, path: .root, sink: sink)
        var general = Probe()
        if let v: String = d.decode("required", required: true) { general.required = v }
        general.optional = d.decode("optional")
        general.node = d.decode("node")
        if let c = d.child("list"), !(c.tree.kind(c.id) == .scalar && c.tree.scalarKind(c.id) == .null) {
            general.list = c.tree.kind(c.id) == .sequence ? Self.stringsItemByItem(c) : [String].decode(c)
        }
        general.extra = fast?.extra ?? ExtraKeys()

        // Field by field: a node is compared by identity (YAML data equality never holds for `.nan`).
        #expect(fast?.required == general.required, "\(value ?? "absent")")
        #expect(fast?.optional == general.optional, "\(value ?? "absent")")
        #expect(fast?.node?.id == general.node?.id, "\(value ?? "absent")")
        #expect(fast?.list == general.list, "\(value ?? "absent")")
        #expect(fastProblems.map(\.description) == sink.problems.map(\.description), "\(value ?? "absent")")
    }

    /// `[String]` item by item through `String.decode`, as `Array.decode` reads any other element type.
    static func stringsItemByItem(_ d: NodeDecoder) -> [String] {
        let d = d.withPath
        var result: [String] = []
        for (index, item) in d.tree.items(d.id).enumerated() {
            if let s = String.decode(d.child(item, .item(index))) { result.append(s) }
        }
        return result
    }

    @Test func stringAndNodeFieldsTakeTheShortcut() {
        var kinds: [String] = []
        for field in Probe.fields {
            switch field.shortcut {
            case .none: kinds.append("none")
            case .string(_, let optional): kinds.append(optional ? "string?" : "string")
            case .node(_, let optional): kinds.append(optional ? "node?" : "node")
            }
        }
        #expect(kinds == ["string", "string?", "node?", "none"])
    }
}
