import BoshJSON

/// A coding key for any member name: used to keep the members a type does not model.
struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// The members of the current object that `Keys` does not name, plus modelled members whose value is `null`
    /// (so that an explicit `null` encodes back as `null` instead of disappearing).
    func otherMembers<Keys: CodingKey & CaseIterable>(besides keys: Keys.Type) throws -> [String: JSONValue] {
        let known = Set(keys.allCases.map(\.stringValue))
        let container = try container(keyedBy: MemberKey.self)
        var members: [String: JSONValue] = [:]
        for key in container.allKeys {
            if known.contains(key.stringValue) {
                if try container.decodeNil(forKey: key) { members[key.stringValue] = .null }
            } else {
                members[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        return members
    }
}

extension Encoder {
    /// Writes members a type does not model; call before encoding the modelled ones, which win on a clash.
    func encodeOtherMembers(_ members: [String: JSONValue]) throws {
        guard !members.isEmpty else { return }
        var container = container(keyedBy: MemberKey.self)
        for (name, value) in members { try container.encode(value, forKey: MemberKey(name)) }
    }
}
