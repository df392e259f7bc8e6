/// An uploaded stemcell as the director knows it.
public struct UploadedStemcell: Hashable, Sendable {
    /// The stemcell name.
    public var name: String
    /// The version.
    public var version: String
    /// The operating system.
    public var operatingSystem: String

    /// Creates an uploaded stemcell's identity.
    public init(name: String, version: String, operatingSystem: String) {
        self.name = name
        self.version = version
        self.operatingSystem = operatingSystem
    }

    /// The identity of a stemcell read from its tarball.
    public init(_ manifest: StemcellManifest) {
        self.init(name: manifest.name, version: manifest.version, operatingSystem: manifest.operatingSystem)
    }
}

/// A deployment manifest's `stemcells:` entry: `os` or `name`, and a `version` that is exact, `latest`,
/// or `<prefix>.latest` (e.g. `621.latest`).
public struct StemcellRequirement: Hashable, Sendable {
    /// The alias instance groups use.
    public var alias: String?
    /// The operating system to match (used when ``name`` is not given).
    public var os: String?
    /// The stemcell name to match.
    public var name: String?
    /// `latest`, `<prefix>.latest` or an exact version.
    public var version: String

    /// Creates a requirement.
    public init(alias: String? = nil, os: String? = nil, name: String? = nil, version: String) {
        self.alias = alias
        self.os = os
        self.name = name
        self.version = version
    }

    /// The uploaded stemcell this entry selects, as the director selects it: by name when given, else by OS
    /// (several names with the same OS and version: the first by name); `latest` picks the newest version,
    /// `N.latest` the newest version starting with `N.`.
    /// - Throws: ``StemcellSpecError`` `.noMatch`, listing the uploaded stemcells.
    public func match(in uploaded: [UploadedStemcell]) throws(StemcellSpecError) -> UploadedStemcell {
        let candidates: [UploadedStemcell]
        let subject: String
        if let name {
            candidates = uploaded.filter { $0.name == name }
            subject = "Stemcell '\(name)'"
        } else if let os {
            candidates = uploaded.filter { $0.operatingSystem == os }.sorted { $0.name < $1.name }
            subject = "Stemcell with Operating System '\(os)'"
        } else {
            throw StemcellSpecError(.invalidField, "Required property 'os' or 'name' was not specified")
        }
        let prefix: String?? = Self.latestPrefix(version)
        let found: UploadedStemcell?
        switch prefix {
        case .some(.none):
            found = candidates.max { StemcellVersionOrder.isOlder($0.version, than: $1.version) }
        case .some(.some(let p)):
            found = candidates.filter { StemcellVersionOrder.hasPrefix($0.version, p) }
                .max { StemcellVersionOrder.isOlder($0.version, than: $1.version) }
        case .none:
            found = candidates.first { $0.version == version }
        }
        if let found { return found }
        var message: String
        switch (prefix, name) {
        case (.some(.some(let p)), _) where !candidates.isEmpty:
            message = "\(subject) exists, but version with prefix '\(p)' not found."
        case (_, let name?):
            message = "Stemcell '\(name)/\(version)' doesn't exist"
        default:
            message = "Stemcell version '\(version)' for OS '\(os ?? "")' doesn't exist"
        }
        let available = uploaded.map { "\($0.name)/\($0.version) (\($0.operatingSystem))" }.sorted()
        message +=
            available.isEmpty ? "; no stemcells are uploaded" : "; available: " + available.joined(separator: ", ")
        throw StemcellSpecError(.noMatch, message)
    }

    /// `nil` for an exact version; `.some(nil)` for `latest`; `.some(prefix)` for `<prefix>.latest`.
    static func latestPrefix(_ version: String) -> String?? {
        if version == "latest" { return .some(nil) }
        if version.hasSuffix(".latest"), version.count > 7 { return .some(String(version.dropLast(7))) }
        return .none
    }
}
