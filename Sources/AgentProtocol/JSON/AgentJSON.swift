import BoshJSON
import Foundation

/// JSON encoding and decoding shared by both ends: sorted keys and unescaped slashes on the way out, and conversion
/// between typed values and ``JSONValue`` for the positional `arguments` array and the `value` of a reply.
enum AgentJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// A typed value as a ``JSONValue`` (through its JSON text).
    static func value(_ value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        return try decode(JSONValue.self, from: encode(value))
    }

    /// A ``JSONValue`` read as a typed value.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if let typed = value as? T { return typed }
        return try decode(type, from: encode(value))
    }

    /// A short description of a decoding failure: the missing key or the path to the value of the wrong type.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch decodingError {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)'\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type), found null\(path(context))"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as NSError?,
                let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
            {
                return detail
            }
            return context.debugDescription
        @unknown default: return "\(decodingError)"
        }
    }
}
