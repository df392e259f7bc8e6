import BoshYAML

/// An entry of `stemcells:`: an alias for a stemcell chosen by OS (or name) and version.
public struct StemcellReference: ManifestObject {
    /// The alias instance groups use in `stemcell:`.
    public var alias = ""
    /// The operating system (`ubuntu-jammy`); either this or ``name``.
    public var os: String?
    /// The full stemcell name; either this or ``os``.
    public var name: String?
    /// The version requirement.
    public var version = StemcellVersion.latest
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<StemcellReference>] = [
        .required("alias", \.alias), .optional("os", \.os), .optional("name", \.name), .required("version", \.version),
    ]

    public static func check(_ value: StemcellReference, _ d: NodeDecoder) {
        if value.os == nil && value.name == nil { d.problem("a stemcell needs 'os' or 'name'") }
        if value.os != nil && value.name != nil { d.problem("a stemcell takes 'os' or 'name', not both") }
    }
}
