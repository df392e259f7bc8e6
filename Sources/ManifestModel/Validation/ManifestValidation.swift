import BoshYAML

/// What validating a document found: errors (the document cannot be used) and warnings (BOSH accepts it, but
/// it is probably not what was meant, such as a misspelt key the director would silently ignore).
///
/// ```swift
/// let tree = try YAMLParser.parse(text, file: "manifest.yml")
/// let result = DeploymentManifest.validation(of: tree, cloudConfig: cloud)
/// for warning in result.warnings { print(warning) }
/// // manifest.yml:12:1: warning: /instance_group: unknown key 'instance_group': did you mean 'instance_groups'?
/// guard result.isValid else { throw … }
/// ```
public struct ManifestValidation: Hashable, Sendable {
    /// Problems that make the document unusable, in document order.
    public var errors: [ManifestProblem]
    /// Problems BOSH accepts (``ManifestProblem/Severity/warning``), in document order.
    public var warnings: [ManifestProblem]

    /// Creates a result.
    public init(errors: [ManifestProblem], warnings: [ManifestProblem]) {
        self.errors = errors
        self.warnings = warnings
    }

    /// Whether the document can be used (warnings allowed).
    public var isValid: Bool { errors.isEmpty }

    /// Errors and warnings together, in document order.
    public var problems: [ManifestProblem] { Self.inDocumentOrder(errors + warnings) }

    static func inDocumentOrder(_ problems: [ManifestProblem]) -> [ManifestProblem] {
        problems.enumerated().sorted {
            let a = ($0.element.mark?.line ?? 0, $0.element.mark?.column ?? 0, $0.offset)
            let b = ($1.element.mark?.line ?? 0, $1.element.mark?.column ?? 0, $1.offset)
            return a < b
        }.map(\.element)
    }
}

extension DeploymentManifest {
    /// Validates a deployment manifest: the errors ``validate(_:cloudConfig:)`` reports, and a warning for
    /// every key the director does not read, with the known key it probably meant
    /// (`unknown key 'instnaces': did you mean 'instances'?`).
    ///
    /// The known keys are those the BOSH director's manifest parser reads, legacy ones included; values it
    /// does not look into (properties, env, cloud properties, tags, link definitions) are not checked.
    public static func validation(of tree: YAMLTree, cloudConfig: CloudConfig? = nil) -> ManifestValidation {
        ManifestValidation(
            errors: validate(tree, cloudConfig: cloudConfig),
            warnings: unknownKeys(in: tree))
    }

    /// A warning for every key of `tree` the director's manifest parser does not read, at the key's line.
    public static func unknownKeys(in tree: YAMLTree) -> [ManifestProblem] {
        UnknownKeys.find(in: tree, schema: .deployment)
    }
}

extension CloudConfig {
    /// Validates a cloud config: the errors ``validate(_:)`` reports, and a warning for every key the
    /// director's cloud config parser does not read.
    public static func validation(of tree: YAMLTree) -> ManifestValidation {
        ManifestValidation(errors: validate(tree), warnings: unknownKeys(in: tree))
    }

    /// A warning for every key of `tree` the director's cloud config parser does not read, at the key's line.
    public static func unknownKeys(in tree: YAMLTree) -> [ManifestProblem] {
        UnknownKeys.find(in: tree, schema: .cloudConfig)
    }
}
