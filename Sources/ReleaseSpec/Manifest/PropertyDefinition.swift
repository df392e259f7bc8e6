import BoshYAML

/// A property a job declares in its spec: `properties: {dotted.name: {description, default, example, type}}`.
/// Other keys (`env`, the occasional misspelt `desription`) are ignored, as the director ignores them.
public struct PropertyDefinition: Hashable, Sendable {
    /// The dotted property name, e.g. `nats.user`.
    public var name: String
    /// What the property is for.
    public var description: String?
    /// The default value (any YAML), when the spec gives one.
    public var defaultValue: YAMLNode?
    /// An example value, when the spec gives one.
    public var example: YAMLNode?
    /// The declared type (free text such as `certificate`), when given.
    public var type: String?

    /// Creates a property definition.
    public init(
        name: String, description: String? = nil, defaultValue: YAMLNode? = nil, example: YAMLNode? = nil,
        type: String? = nil
    ) {
        self.name = name
        self.description = description
        self.defaultValue = defaultValue
        self.example = example
        self.type = type
    }

    /// The dotted name split into its keys.
    public var path: [String] { name.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
}
