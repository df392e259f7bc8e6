/// The `info` result: the contract version the CPI implements and the stemcell formats it accepts.
public struct CPIInfo: Sendable, Hashable {
    /// `api_version`: the highest CPI contract version implemented. Directors refuse CPIs that report none, or 1.
    public var apiVersion: Int?
    /// `stemcell_formats`, such as `aws-light` or `dummy`.
    public var stemcellFormats: [String]
    /// Any other keys, as sent.
    public var otherProperties: [String: JSONValue]

    /// Creates an info result.
    public init(apiVersion: Int?, stemcellFormats: [String], otherProperties: [String: JSONValue] = [:]) {
        self.apiVersion = apiVersion
        self.stemcellFormats = stemcellFormats
        self.otherProperties = otherProperties
    }

    /// Decodes the result object.
    public init(json: JSONValue) throws(CPIError) {
        let reader = ResultReader(.info)
        var members = try reader.object(json)
        if let version = members.removeValue(forKey: "api_version"), !version.isNull {
            guard let int = version.intValue else { throw reader.mistyped("an integer api_version", version) }
            apiVersion = int
        } else {
            apiVersion = nil
        }
        let formats = members.removeValue(forKey: "stemcell_formats") ?? .array([])
        guard let array = formats.arrayValue ?? (formats.isNull ? [] : nil) else {
            throw reader.mistyped("an array of stemcell_formats", formats)
        }
        stemcellFormats = try array.map { (value) throws(CPIError) in try reader.string(value) }
        otherProperties = members
    }

    /// The result as JSON.
    public var json: JSONValue {
        var members = otherProperties
        if let apiVersion { members["api_version"] = .int(apiVersion) }
        members["stemcell_formats"] = stemcellFormats.json
        return .object(members)
    }
}
