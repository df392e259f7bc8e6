import BoshYAML

/// An entry of `releases:` in a deployment manifest or runtime config.
public struct ReleaseReference: ManifestObject {
    /// The release name.
    public var name = ""
    /// The version to deploy.
    public var version: ReleaseVersion?
    /// Where the director can download it.
    public var url: String?
    /// The tarball's digest (SHA-1 hex or `sha256:…`).
    public var sha1: String?
    /// For a compiled release: the stemcell it was compiled against.
    public var stemcell: OSVersion?
    /// Stemcells to export compiled packages for.
    public var exportedFrom: [OSVersion]?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<ReleaseReference>] = [
        .required("name", \.name), .optional("version", \.version), .optional("url", \.url), .optional("sha1", \.sha1),
        .optional("stemcell", \.stemcell), .optional("exported_from", \.exportedFrom),
    ]
}

/// An operating system and version pair (`stemcell:` of a compiled release, `exported_from:` items).
public struct OSVersion: ManifestObject {
    /// The operating system, e.g. `ubuntu-jammy`.
    public var os = ""
    /// The stemcell version.
    public var version: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<OSVersion>] = [.required("os", \.os), .optional("version", \.version)]
}
