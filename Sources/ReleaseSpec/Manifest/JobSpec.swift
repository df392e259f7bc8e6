import BoshArchive
import BoshYAML

/// A job's spec (`jobs/<job>/spec` in a release directory, `job.MF` in a job archive): its templates,
/// packages, properties and links.
public struct JobSpec: Hashable, Sendable {
    /// The job name (`nil` only for legacy jobs that did not record one).
    public var name: String?
    /// What the job does.
    public var description: String?
    /// The templates in spec order.
    public var templates: [JobTemplate]
    /// Whether the templates came from the legacy `configuration:` key (sources under `config/`).
    public var usesLegacyConfiguration: Bool
    /// The packages the job needs.
    public var packages: [String]
    /// The properties in spec order.
    public var properties: [PropertyDefinition]
    /// The links the job consumes.
    public var consumes: [LinkDefinition]
    /// The links the job provides.
    public var provides: [LinkDefinition]
    /// The job's `logs:` mapping, if it has one (the director lists it in `spec.job.templates`).
    public var logs: YAMLNode?

    /// Reads a job spec.
    /// - Parameters:
    ///   - bytes: the YAML text.
    ///   - file: the name used in errors.
    public init(bytes: [UInt8], file: String = "spec") throws(ReleaseSpecError) {
        do { try self.init(parsing: bytes, file: file) } catch { throw ReleaseSpecError(error) }
    }

    private init(parsing bytes: [UInt8], file: String) throws(SpecFieldError) {
        let doc = try SpecDocument(bytes: bytes, file: file)
        guard let root = try doc.rootMapping(what: "a job spec") else {
            throw doc.problem("the job spec is empty")
        }
        name = try doc.string(root, "name", path: "")
        description = try doc.string(root, "description", path: "")
        let legacy =
            doc.tree.value(root, forKey: "templates") == nil && doc.tree.value(root, forKey: "configuration") != nil
        usesLegacyConfiguration = legacy
        templates = []
        let templatesKey = legacy ? "configuration" : "templates"
        for (i, entry) in try doc.mapping(root, templatesKey, path: "").enumerated() {
            templates.append(
                JobTemplate(
                    source: try doc.scalarText(entry.key, path: "/\(templatesKey)/\(i)"),
                    destination: try doc.scalarText(entry.value, path: "/\(templatesKey)/\(doc.tree.text(entry.key))")))
        }
        packages = try doc.stringList(root, "packages", path: "")
        properties = []
        for entry in try doc.mapping(root, "properties", path: "") {
            let propertyName = try doc.scalarText(entry.key, path: "/properties")
            let path = "/properties/\(propertyName)"
            var definition = PropertyDefinition(name: propertyName)
            if !doc.isNull(entry.value) {
                let map = try doc.itemMapping(entry.value, path: path)
                definition.description = try doc.string(map, "description", path: path)
                definition.defaultValue = doc.tree.value(map, forKey: "default").map(doc.node)
                definition.example = doc.tree.value(map, forKey: "example").map(doc.node)
                definition.type = try doc.string(map, "type", path: path)
            }
            properties.append(definition)
        }
        consumes = try Self.links(doc, root, key: "consumes")
        provides = try Self.links(doc, root, key: "provides")
        logs = nil
        if let logs = doc.tree.value(root, forKey: "logs"), !doc.isNull(logs) {
            guard doc.tree.kind(logs) == .mapping else {
                throw doc.problem(logs, "/logs", "expected a mapping, got \(doc.describe(logs))")
            }
            self.logs = doc.node(logs)
        }
    }

    private static func links(_ doc: SpecDocument, _ root: YAMLTree.NodeID, key: String) throws(SpecFieldError)
        -> [LinkDefinition]
    {
        var links: [LinkDefinition] = []
        for (i, item) in try doc.sequence(root, key, path: "").enumerated() {
            let path = "/\(key)/\(i)"
            let map = try doc.itemMapping(item, path: path)
            let link = LinkDefinition(
                name: try doc.requiredString(map, "name", path: path),
                type: try doc.requiredString(map, "type", path: path),
                optional: try doc.bool(map, "optional", path: path) ?? false,
                properties: try doc.stringList(map, "properties", path: path))
            if key == "provides" && doc.tree.value(map, forKey: "optional") != nil {
                throw doc.problem(
                    map, path, "link '\(link.name)' is a provides link, not allowed to have 'optional' key")
            }
            if links.contains(where: { $0.name == link.name }) {
                throw doc.problem(map, path, "duplicate \(key) link name '\(link.name)'")
            }
            links.append(link)
        }
        return links
    }
}
