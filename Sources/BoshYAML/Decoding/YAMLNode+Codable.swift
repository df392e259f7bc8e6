extension YAMLNode: Decodable {
    /// Takes the node itself when decoded by ``YAMLDecoder``; other decoders are not supported.
    public init(from decoder: any Decoder) throws {
        guard let tree = decoder as? any YAMLTreeDecoding else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a YAMLNode can only be decoded with YAMLDecoder"))
        }
        self = tree.node
    }
}

extension YAMLNode: Encodable {
    /// Encodes the node's data: maps as keyed containers, sequences as unkeyed ones, scalars by their yaml.v2 type.
    public func encode(to encoder: any Encoder) throws {
        switch kind {
        case .mapping:
            var container = encoder.container(keyedBy: NodeKey.self)
            for (key, value) in entries { try container.encode(value, forKey: NodeKey(stringValue: key.string ?? "")) }
        case .sequence:
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .scalar:
            var container = encoder.singleValueContainer()
            switch scalar {
            case .null?, nil: try container.encodeNil()
            case .bool(let b)?: try container.encode(b)
            case .int(let i)?: try container.encode(i)
            case .uint(let u)?: try container.encode(u)
            case .float(let f)?: try container.encode(f)
            case .string(let s)?: try container.encode(s)
            }
        }
    }

    private struct NodeKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
