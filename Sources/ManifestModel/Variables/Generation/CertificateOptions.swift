import BoshYAML

/// A variable definition's `options:`, read as the config server reads them.
struct CertificateOptions: Equatable {
    var commonName: String?
    var organization: String?
    var alternativeNames: [String] = []
    var isCA = false
    var ca: String?
    var extendedKeyUsage: [String] = []
    var duration: Int?
    var keyLength: Int?
    var length: Int?
    var allowedCharacters: String?
    var username: String?

    init() {}

    /// Reads options; wrong types are reported with the option's name.
    init(_ node: YAMLNode?) throws {
        guard let node, node.kind == .mapping else {
            if let node, !(node.kind == .scalar && node.scalar == .null) {
                throw GenerationError("options must be a map")
            }
            return
        }
        func string(_ key: String) throws -> String? {
            guard let v = node[key], v.scalar != .null else { return nil }
            guard v.kind == .scalar else { throw GenerationError("option '\(key)' must be a string") }
            return v.string
        }
        func int(_ key: String) throws -> Int? {
            guard let v = node[key], v.scalar != .null else { return nil }
            guard case .int(let i)? = v.scalar else { throw GenerationError("option '\(key)' must be an integer") }
            return Int(i)
        }
        func strings(_ key: String) throws -> [String] {
            guard let v = node[key], v.scalar != .null else { return [] }
            guard v.kind == .sequence else { throw GenerationError("option '\(key)' must be a list of strings") }
            return try v.items.map {
                guard let s = $0.string else { throw GenerationError("option '\(key)' must be a list of strings") }
                return s
            }
        }
        commonName = try string("common_name")
        organization = try string("organization")
        alternativeNames = try strings("alternative_names")
        if let v = node["is_ca"], v.scalar != .null {
            guard case .bool(let b)? = v.scalar else { throw GenerationError("option 'is_ca' must be a boolean") }
            isCA = b
        }
        ca = try string("ca")
        extendedKeyUsage = try strings("extended_key_usage")
        duration = try int("duration")
        keyLength = try int("key_length")
        length = try int("length")
        allowedCharacters = try string("allowed_characters")
        username = try string("username")
    }
}
