import BoshYAML

/// A job of an instance group or addon: which release job to run, its properties and links.
public struct JobReference: ManifestObject {
    /// The job name in its release.
    public var name = ""
    /// The release that provides the job.
    public var release = ""
    /// Job properties (open-ended).
    public var properties: YAMLNode?
    /// Links this job consumes: name → `{from, deployment, network, ip_addresses}` or `nil`.
    public var consumes: YAMLNode?
    /// Links this job provides: name → `{as, shared, aliases}`.
    public var provides: YAMLNode?
    /// Extra link definitions this job provides.
    public var customProviderDefinitions: YAMLNode?
    public var extra = ExtraKeys()

    public init() {}

    public static let fields: [ManifestField<JobReference>] = [
        .required("name", \.name), .required("release", \.release), .optional("properties", \.properties),
        .optional("consumes", \.consumes), .optional("provides", \.provides),
        .optional("custom_provider_definitions", \.customProviderDefinitions),
    ]
}
