import BoshYAML

/// A CPI config: the CPIs a director with several IaaS accounts uses.
public struct CPIConfig: ManifestObject {
    /// The CPIs.
    public var cpis: [CPIDefinition] = []
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<CPIConfig>] = [.required("cpis", \.cpis)]
}

/// An entry of `cpis:`.
public struct CPIDefinition: ManifestObject {
    /// The name AZs refer to in `cpi:`.
    public var name = ""
    /// The CPI type (`aws`, `vsphere` …), which picks the executable.
    public var type = ""
    /// Properties passed to the CPI (open-ended).
    public var properties: YAMLNode?
    /// CPIs this one replaces (`{name}`).
    public var migratedFrom: [MigratedFrom]?
    /// An explicit path to the CPI executable.
    public var execPath: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<CPIDefinition>] = [
        .required("name", \.name), .required("type", \.type), .optional("properties", \.properties),
        .optional("migrated_from", \.migratedFrom), .optional("exec_path", \.execPath),
    ]
}
