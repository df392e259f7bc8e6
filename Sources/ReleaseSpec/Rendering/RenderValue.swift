import BoshArchive
import BoshYAML

/// A JSON-shaped value handed to templates (properties, link properties, network settings), with hash keys in
/// order. Numbers keep their JSON text, so `1.10` reaches Ruby as the float the manifest meant.
public indirect enum RenderValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    /// A JSON number, as text (`8080`, `1.5`).
    case number(String)
    case string(String)
    case array([RenderValue])
    /// A hash; keys in order.
    case object([(String, RenderValue)])

    public static func == (lhs: RenderValue, rhs: RenderValue) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json.text()) }

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: RenderValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, RenderValue)...) { self = .object(elements) }

    /// A YAML node with its yaml.v2 scalar types (the types the director's YAML loading gives, except for
    /// YAML 1.1 corner cases such as sexagesimal numbers). Infinities and NaN stay floats: they are written
    /// as `Infinity`, `-Infinity` and `NaN`, which the evaluation script reads as Ruby's `Float` values.
    public init(_ node: YAMLNode) {
        switch node.kind {
        case .mapping: self = .object(node.entries.map { (Self.key($0.key), RenderValue($0.value)) })
        case .sequence: self = .array(node.items.map { RenderValue($0) })
        case .scalar:
            if case .float(let value)? = node.scalar, !value.isFinite {
                self = .number(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
            } else {
                self.init(JSONValue(node))
            }
        }
    }

    /// Marks a hash key that is not a string in Ruby (`true:`, `1:`, `~:` once the CLI has re-serialized the
    /// manifest): `"\u{1}bool:true"`, `"\u{1}int:1"`, `"\u{1}float:1.5"`, `"\u{1}nil:"`. The evaluation script
    /// turns such keys back into Ruby's values, so templates fail on them as the director's do.
    static let typedKeyMarker: Character = "\u{1}"

    /// A mapping key as the director's YAML reading types it.
    static func key(_ node: YAMLNode) -> String {
        guard node.kind == .scalar else { return node.string ?? "" }
        switch node.scalar ?? .null {
        case .string(let text): return text
        case .bool(let b): return "\(typedKeyMarker)bool:\(b)"
        case .int(let i): return "\(typedKeyMarker)int:\(i)"
        case .uint(let u): return "\(typedKeyMarker)int:\(u)"
        case .float(let d): return "\(typedKeyMarker)float:\(d)"
        case .null: return "\(typedKeyMarker)nil:"
        }
    }

    /// A job spec's value (a property default) as the director reads it, with Ruby's YAML: like
    /// ``init(_:)``, except that a plain `y`, `Y`, `n` or `N` stays a string (yaml.v2 reads a boolean).
    static func jobSpecValue(_ node: YAMLNode) -> RenderValue {
        func rubyText(_ node: YAMLNode) -> String? {
            guard node.kind == .scalar, node.tree.style(node.id) == .plain else { return nil }
            let text = node.tree.text(node.id)
            return ["y", "Y", "n", "N"].contains(text) ? text : nil
        }
        switch node.kind {
        case .mapping:
            return .object(node.entries.map { (rubyText($0.key) ?? key($0.key), jobSpecValue($0.value)) })
        case .sequence: return .array(node.items.map(jobSpecValue))
        case .scalar: return rubyText(node).map(RenderValue.string) ?? RenderValue(node)
        }
    }

    /// A string, or `null` for `nil`.
    public static func optional(_ string: String?) -> RenderValue { string.map { .string($0) } ?? .null }

    /// The value under `key` of a hash (`nil` for other values or a missing key).
    public subscript(key: String) -> RenderValue? {
        guard case .object(let entries) = self else { return nil }
        return entries.last { $0.0 == key }?.1
    }

    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as compact JSON text.
    public var jsonText: String { json.text() }

    /// The value as JSON text indented by two spaces per level.
    public var prettyJSONText: String { json.text(indent: 2) }

    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(RenderValue.init))
        case .object(let entries): self = .object(entries.map { ($0.0, RenderValue($0.1)) })
        }
    }

    var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.json))
        case .object(let entries): return .object(entries.map { ($0.0, $0.1.json) })
        }
    }

    /// Ruby's name for the value's class, as the director's type errors print it.
    var rubyClassName: String {
        switch self {
        case .null: return "NilClass"
        case .bool(let b): return b ? "TrueClass" : "FalseClass"
        case .number(let n): return n.contains(where: { ".eEIN".contains($0) }) ? "Float" : "Integer"
        case .string: return "String"
        case .array: return "Array"
        case .object: return "Hash"
        }
    }
}
