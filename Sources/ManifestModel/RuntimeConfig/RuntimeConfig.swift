import BoshYAML

/// A runtime config: releases and addons the director adds to every matching deployment.
public struct RuntimeConfig: ManifestObject {
    /// Releases the addons need.
    public var releases: [ReleaseReference]?
    /// The addons.
    public var addons: [Addon]?
    /// Variables the addons use.
    public var variables: [VariableDefinition]?
    /// Tags added to every VM.
    public var tags: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<RuntimeConfig>] = [
        .optional("releases", \.releases), .optional("addons", \.addons), .optional("variables", \.variables),
        .optional("tags", \.tags),
    ]
}
