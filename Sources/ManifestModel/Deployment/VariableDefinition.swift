import BoshYAML

/// An entry of `variables:`: a credential BOSH (or `--vars-store`) generates.
public struct VariableDefinition: ManifestObject {
    /// The variable's name, used as `((name))`.
    public var name = ""
    /// `password`, `certificate`, `rsa`, `ssh` or `user`.
    public var type = ""
    /// Generation options (`ca`, `common_name`, `alternative_names` …).
    public var options: YAMLNode?
    /// Links whose addresses become certificate SANs.
    public var consumes: YAMLNode?
    /// `converge` or `no-overwrite`.
    public var updateMode: String?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<VariableDefinition>] = [
        .required("name", \.name), .required("type", \.type), .optional("options", \.options),
        .optional("consumes", \.consumes), .optional("update_mode", \.updateMode),
    ]
}
