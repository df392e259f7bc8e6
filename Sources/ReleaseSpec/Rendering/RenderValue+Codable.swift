/// A ``RenderValue`` encodes as the plain JSON value it stands for (so values that carry one, such as the
/// Scheduler's link data, print naturally in a JSON plan).
///
/// Numbers encode as integers when their text is one, otherwise as doubles (`1.10` comes back as `1.1`).
/// Hashes go through string-keyed dictionaries, so JSON key strategies never rename property names and the
/// text's key order is not kept: decoding gives keys sorted byte-wise (the order of bound job properties).
extension RenderValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int64.self) {
            self = .number(String(int))
        } else if let double = try? container.decode(Double.self) {
            self = .number(String(double))
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let items = try? container.decode([RenderValue].self) {
            self = .array(items)
        } else if let entries = try? container.decode([String: RenderValue].self) {
            self = .object(
                entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) })
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a JSON value (null, boolean, number, string, array or object)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let b):
            var container = encoder.singleValueContainer()
            try container.encode(b)
        case .number(let text):
            var container = encoder.singleValueContainer()
            if let int = Int64(text) {
                try container.encode(int)
            } else if let double = Double(text) {
                try container.encode(double)
            } else {
                try container.encode(text)
            }
        case .string(let s):
            var container = encoder.singleValueContainer()
            try container.encode(s)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let entries):
            // A string-keyed dictionary: JSONEncoder's key strategies leave its keys alone (property names stay
            // as written under `.convertToSnakeCase`); the last of repeated keys wins, as in `subscript(key:)`.
            var container = encoder.singleValueContainer()
            try container.encode(Dictionary(entries, uniquingKeysWith: { _, last in last }))
        }
    }
}
