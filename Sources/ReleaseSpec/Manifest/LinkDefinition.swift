/// A link a job consumes or provides (`consumes:` / `provides:` in its spec).
public struct LinkDefinition: Hashable, Sendable {
    /// The link name.
    public var name: String
    /// The link type; links connect consumers and providers of the same type.
    public var type: String
    /// Whether a consumer works without the link (only valid on `consumes`).
    public var optional: Bool
    /// For provided links: the job properties exposed to consumers.
    public var properties: [String]

    /// Creates a link definition.
    public init(name: String, type: String, optional: Bool = false, properties: [String] = []) {
        self.name = name
        self.type = type
        self.optional = optional
        self.properties = properties
    }
}
