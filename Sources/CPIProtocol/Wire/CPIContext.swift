/// The `context` object of a CPI request.
///
/// The director sends `director_uuid`, `request_id`, `vm.stemcell.api_version` (when the stemcell declares one)
/// and every property of the CPI's cpi-config entry merged in at the top level; those land in ``properties``.
public struct CPIContext: Sendable, Hashable {
    /// `director_uuid`.
    public var directorUUID: String?
    /// `request_id`, such as `cpi-483920`.
    public var requestID: String?
    /// `vm.stemcell.api_version`: whether the stemcell's agent reads its full settings from the IaaS (≥ 2).
    public var stemcellAPIVersion: Int?
    /// Every other key, such as cpi-config properties, kept as sent.
    public var properties: [String: JSONValue]

    /// Creates a context.
    /// - Parameters:
    ///   - directorUUID: The director's UUID.
    ///   - requestID: The request id, unique per call.
    ///   - stemcellAPIVersion: The stemcell's `api_version`, if it declares one.
    ///   - properties: Further keys, such as properties from the cpi-config.
    public init(
        directorUUID: String? = nil, requestID: String? = nil, stemcellAPIVersion: Int? = nil,
        properties: [String: JSONValue] = [:]
    ) {
        self.directorUUID = directorUUID
        self.requestID = requestID
        self.stemcellAPIVersion = stemcellAPIVersion
        self.properties = properties
    }
}

extension CPIContext {
    /// Reads a context object; `director_uuid` and `request_id` must be strings when present.
    /// - Throws: ``CPIError/cpiError(message:okToRetry:)`` naming the mistyped key.
    public init(jsonObject: [String: JSONValue]) throws(CPIError) {
        var members = jsonObject
        func string(_ key: String) throws(CPIError) -> String? {
            guard let value = members.removeValue(forKey: key), !value.isNull else { return nil }
            guard let string = value.stringValue else {
                throw .cpiError(message: "Invalid request: context.\(key) must be a string, got \(value.kindDescription)")
            }
            return string
        }
        directorUUID = try string("director_uuid")
        requestID = try string("request_id")
        // Lift vm.stemcell.api_version out, keeping anything else under `vm` as sent.
        if case .object(var vm)? = members["vm"], case .object(var stemcell)? = vm["stemcell"],
            let version = stemcell["api_version"]?.intValue
        {
            stemcellAPIVersion = version
            stemcell["api_version"] = nil
            vm["stemcell"] = stemcell.isEmpty ? nil : .object(stemcell)
            members["vm"] = vm.isEmpty ? nil : .object(vm)
        } else {
            stemcellAPIVersion = nil
        }
        properties = members
    }

    /// The context as the JSON object sent on the wire.
    public var jsonObject: [String: JSONValue] {
        var members = properties
        if let directorUUID { members["director_uuid"] = .string(directorUUID) }
        if let requestID { members["request_id"] = .string(requestID) }
        if let stemcellAPIVersion {
            var vm = members["vm"]?.objectValue ?? [:]
            var stemcell = vm["stemcell"]?.objectValue ?? [:]
            stemcell["api_version"] = .int(stemcellAPIVersion)
            vm["stemcell"] = .object(stemcell)
            members["vm"] = .object(vm)
        }
        return members
    }
}

extension CPIContext: Codable {
    /// Decodes a context object; see ``init(jsonObject:)``.
    public init(from decoder: any Decoder) throws {
        let members = try decoder.singleValueContainer().decode([String: JSONValue].self)
        do {
            try self.init(jsonObject: members)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the context as one object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonObject)
    }
}
