/// A type that reads itself from a ``JSONValue`` (with ``CPIError`` messages) and writes itself as one;
/// its `Codable` conformance goes through that value.
protocol JSONValueRepresentable {
    init(json: JSONValue) throws(CPIError)
    var json: JSONValue { get }
}

extension JSONValueRepresentable {
    /// Decodes a JSON value and reads `Self` from it; a ``CPIError`` becomes `DecodingError.dataCorrupted`.
    static func decoded(from decoder: any Decoder) throws -> Self {
        let json = try JSONValue(from: decoder)
        do {
            return try Self(json: json)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}
