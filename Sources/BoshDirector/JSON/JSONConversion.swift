import BoshYAML
import CPIProtocol
import Foundation

/// Converts manifest values (YAML) into the JSON values CPIs and agents receive.
enum JSONConversion {
    /// `node` as JSON (`null` for `nil`).
    static func json(_ node: YAMLNode?) throws -> JSONValue {
        guard let node else { return .null }
        let data = try JSONEncoder().encode(node)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// `node` as a JSON object (empty for `nil` or a non-mapping).
    static func object(_ node: YAMLNode?) throws -> [String: JSONValue] {
        try json(node).objectValue ?? [:]
    }
}
