import Foundation

/// JSON reading and writing shared by the client and the scaffold.
enum CPIJSON {
    /// Parses bytes into a ``JSONValue``, naming what is wrong: bytes that are not UTF-8, or text that is not JSON.
    static func parse(_ data: Data, what: String) throws(CPIError) -> JSONValue {
        if let offset = firstInvalidUTF8Offset(data) {
            let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
            throw .cpiError(message: "\(what) is not valid UTF-8: invalid byte 0x\(byte) at offset \(offset)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .cpiError(message: "\(what) is not valid JSON: \(syntaxProblem(data) ?? describe(error))")
        }
    }

    /// Serialises a value with sorted keys and unescaped slashes.
    static func data(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail except for non-finite doubles, which JSON cannot carry anyway.
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }

    /// Serialises a response; `result`, `error` and `log` are always present.
    static func data(_ response: CPIResponse) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(response) { return data }
        let fallback = CPIResponse.failure(.cpiError(message: "Failed to serialize result"), log: response.log)
        return (try? encoder.encode(fallback)) ?? Data()
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or `nil`.
    static func firstInvalidUTF8Offset(_ data: Data) -> Int? {
        // Fast path: pure ASCII.
        if !data.contains(where: { $0 >= 0x80 }) { return nil }
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// JSONSerialization's description of a syntax error ("Invalid value around character 0."), on the failure path only.
    static func syntaxProblem(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    /// A short description of a decoding error, preferring the parser's own message.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        switch decodingError {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError {
                let nsError = underlying as NSError
                if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
                return "\(underlying)"
            }
            return context.debugDescription
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return context.debugDescription
        @unknown default: return "\(decodingError)"
        }
    }
}
