import BoshYAML

/// A JSON value with ordered object keys, and its compact or indented text (the CLIs' `--json` output).
package indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }
    package func hash(into hasher: inout Hasher) { hasher.combine(text()) }

    /// A string, or `null` for `nil`.
    package static func optional(_ string: String?) -> JSONValue { string.map { .string($0) } ?? .null }

    /// The value as JSON text; `indent` > 0 pretty-prints with that many spaces per level.
    package func text(indent: Int = 0) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        let pad = { (n: Int) in String(repeating: " ", count: indent * n) }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += pad(level) + "]"
        case .object(let entries):
            if entries.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in entries.enumerated() {
                out += pad(level + 1)
                Self.quote(key, into: &out)
                out += indent > 0 ? ": " : ":"
                value.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < entries.count ? "," : "") + newline
            }
            out += pad(level) + "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        JSONText.appendQuoted(s, to: &out)
    }
}

extension JSONValue {
    /// A YAML node as JSON: mappings become objects (source order), sequences arrays, scalars their
    /// yaml.v2 values (infinities and NaN as strings, which JSON cannot write).
    package init(_ node: YAMLNode) {
        switch node.kind {
        case .mapping:
            self = .object(node.entries.map { (($0.key.string ?? ""), JSONValue($0.value)) })
        case .sequence:
            self = .array(node.items.map { JSONValue($0) })
        case .scalar:
            switch node.scalar ?? .null {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .number(String(i))
            case .uint(let u): self = .number(String(u))
            case .float(let d): self = d.isFinite ? .number(node.string ?? String(d)) : .string(node.string ?? "")
            case .string(let s): self = .string(s)
            }
        }
    }
}
