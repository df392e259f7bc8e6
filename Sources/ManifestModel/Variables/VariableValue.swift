import BoshYAML

/// A variable's value given from Swift, typed: the library counterpart of `-v name=value`, without going through
/// YAML text.
///
/// ```swift
/// var sources = VariableSources()
/// sources.add(["system_domain": "example.com", "port": 8443, "azs": ["z1", "z2"], "tls": ["enabled": true]])
/// ```
/// Values are written with literals (`"text"`, `42`, `1.5`, `true`, `nil`, `[…]`, `[key: …]`); a whole-value
/// reference keeps the type (`((port))` becomes the integer 8443), as with `-v`.
public indirect enum VariableValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating point number.
    case double(Double)
    /// A string (never re-read as YAML: `"8080"` stays a string).
    case string(String)
    /// A list.
    case array([VariableValue])
    /// A map; keys are emitted in sorted order.
    case map([String: VariableValue])

    /// The value as a YAML node.
    public var node: YAMLNode {
        var tree = YAMLTree(file: "<variable>")
        let id = add(to: &tree)
        return YAMLNode(tree: tree, id: id)
    }

    private func add(to tree: inout YAMLTree) -> YAMLTree.NodeID {
        switch self {
        case .null: return tree.addNull()
        case .bool(let value): return tree.addBool(value)
        case .int(let value): return tree.addInt(value)
        case .double(let value):
            let text: String
            if value.isNaN {
                text = ".nan"
            } else if value.isInfinite {
                text = value < 0 ? "-.inf" : ".inf"
            } else {
                text = String(value)
            }
            return tree.addScalar(text, kind: .float)
        case .string(let value): return tree.addString(value)
        case .array(let items): return tree.addSequence(items.map { $0.add(to: &tree) })
        case .map(let members):
            let entries = members.keys.sorted().map { key in
                (key: tree.addString(key), value: members[key]!.add(to: &tree))
            }
            return tree.addMapping(entries)
        }
    }
}

extension VariableValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A floating point number.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A list.
    public init(arrayLiteral elements: VariableValue...) { self = .array(elements) }
    /// A map; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, VariableValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension VariableSources {
    /// Adds typed values at the `-v` level of precedence (the strongest), in the order given; a later value of
    /// the same name wins, as a later `-v` does.
    public mutating func add(_ values: [String: VariableValue]) {
        for name in values.keys.sorted() { addValue(values[name]!.node, named: name) }
    }

    /// Adds one typed value at the `-v` level of precedence.
    public mutating func add(_ value: VariableValue, named name: String) {
        addValue(value.node, named: name)
    }
}
