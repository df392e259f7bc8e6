import AgentProtocol
import Foundation

enum Fixtures {
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return try Data(contentsOf: url)
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(name))
    }

    static func names(prefix: String) -> [String] {
        let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }
}

struct FixtureMissing: Error {
    var name: String
}

/// Decodes `data` as `T`, encodes it again and returns both JSON values for comparison.
func roundTrip<T: Codable>(_ type: T.Type, _ data: Data) throws -> (original: JSONValue, reencoded: JSONValue) {
    let value = try JSONDecoder().decode(type, from: data)
    let encoded = try JSONEncoder().encode(value)
    return (try JSONDecoder().decode(JSONValue.self, from: data), try JSONDecoder().decode(JSONValue.self, from: encoded))
}
