import BoshYAML

/// The difference between two deployment manifests (or two cloud or runtime configs) exactly as the BOSH
/// director computes it for `bosh deploy`: the same keys compared in the same order, arrays of named maps
/// matched by `name`, whole blocks for what was added or removed, values under `properties` and `bosh`
/// shown as `<redacted>`, and the director's top-level section order.
///
/// ```swift
/// let diff = try ManifestDiff(old: oldTree, new: newTree)
/// print(diff.rendered(), terminator: "")
/// ```
public struct ManifestDiff: Sendable {
    /// The lines, in the order the director returns them.
    public let lines: [DiffLine]
    /// What the two documents are (taken from whichever side tells).
    public let kind: DiffDocumentKind

    /// Whether the documents differ.
    public var hasChanges: Bool { !lines.isEmpty }

    /// Diffs two parsed documents.
    ///
    /// An empty document (no YAML document, or a null one) stands for "nothing deployed yet". Deployment
    /// manifests are prepared as the director prepares them (versions as strings, duplicate releases,
    /// variables and addons dropped); configs are compared as they are.
    /// - Parameters:
    ///   - old: the currently deployed document.
    ///   - new: the document about to be deployed.
    ///   - redact: show values under `properties` and `bosh`, and release URL credentials, as `<redacted>`.
    /// - Throws: ``DiffError`` when a root is not a map, the documents are of different kinds, or a value
    ///   cannot be loaded or diffed the way the director does.
    public init(old: YAMLTree, new: YAMLTree, redact: Bool = true) throws(DiffError) {
        try self.init(old: old, new: new, redact: redact, fastPaths: true)
    }

    /// ``init(old:new:redact:)``, with the changeset's shortcuts on or off (tests compare the two).
    init(old: YAMLTree, new: YAMLTree, redact: Bool, fastPaths: Bool) throws(DiffError) {
        let before = try DiffDocument(tree: old)
        let after = try DiffDocument(tree: new)
        let (oldKind, oldKey) = DiffDocumentKind.classify(before)
        let (newKind, newKey) = DiffDocumentKind.classify(after)
        if oldKind != .unknown && newKind != .unknown && oldKind != newKind {
            let where_ = before.file + (oldKey.flatMap(before.mark).map { ":\($0)" } ?? "")
            throw DiffError(
                .kindMismatch, file: after.file, mark: newKey.flatMap(after.mark),
                message: "'\(newKey.map(after.rawText) ?? "")' makes this a \(newKind.rawValue), but \(where_) "
                    + "'\(oldKey.map(before.rawText) ?? "")' makes that a \(oldKind.rawValue); diff two documents of the same kind")
        }
        kind = oldKind != .unknown ? oldKind : newKind
        if kind == .deployment {
            try DeploymentPreparation.apply(to: before)
            try DeploymentPreparation.apply(to: after)
        }
        if redact {
            try Redaction.apply(to: before)
            try Redaction.apply(to: after)
        }
        before.seal()
        after.seal()
        var raw: [DiffLine] = []
        try Changeset(old: before, new: after, redact: redact, fastPaths: fastPaths).diffMaps(before.root, after.root, indent: 0, into: &raw)
        lines = DiffOrdering.order(raw)
    }

    /// Parses and diffs two YAML texts.
    /// - Parameters:
    ///   - old: the deployed document's text (empty for a first deploy).
    ///   - oldFile: the name used in errors for `old`.
    ///   - new: the new document's text.
    ///   - newFile: the name used in errors for `new`.
    ///   - redact: redact as the director does.
    public init(old: String, oldFile: String = "<old>", new: String, newFile: String = "<new>", redact: Bool = true)
        throws(DiffError)
    {
        try self.init(old: Self.parse(old, oldFile), new: Self.parse(new, newFile), redact: redact)
    }

    private static func parse(_ text: String, _ file: String) throws(DiffError) -> YAMLTree {
        do { return try YAMLParser.parse(text, file: file) } catch let e as YAMLError { throw DiffError(e) } catch {
            throw DiffError(.yaml, file: file, mark: nil, message: "\(error)")
        }
    }
}
