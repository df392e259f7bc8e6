import BoshYAML

extension ManifestObject {
    /// Reads a document from YAML text.
    ///
    /// - Throws: ``ManifestError`` listing every problem found (each with file, line:column and manifest path),
    ///   or wrapping the ``YAMLError`` when the text is not valid YAML.
    public init(yaml: String, file: String = "<manifest>") throws {
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(yaml, file: file) } catch let e as YAMLError { throw ManifestError.yaml(e) }
        try self.init(tree: tree)
    }

    /// Reads a document from UTF-8 bytes.
    public init(bytes: [UInt8], file: String = "<manifest>") throws {
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(bytes: bytes, file: file) } catch let e as YAMLError { throw ManifestError.yaml(e) }
        try self.init(tree: tree)
    }

    /// Reads the first document of a parsed tree.
    public init(tree: YAMLTree) throws {
        let (value, problems) = Self.decodeCollectingProblems(tree)
        if !problems.isEmpty { throw ManifestError.invalid(problems, file: tree.file) }
        guard let value else { throw ManifestError.empty(file: tree.file, kind: Self.documentKind) }
        self = value
    }

    /// Reads a tree and returns the value (when one could be built) and every problem, without throwing.
    public static func decodeCollectingProblems(_ tree: YAMLTree) -> (Self?, [ManifestProblem]) {
        guard let root = tree.root, !(tree.kind(root) == .scalar && tree.scalarKind(root) == .null) else {
            return (nil, ManifestError.empty(file: tree.file, kind: documentKind).problems)
        }
        let sink = ProblemSink()
        let value = Self.decode(NodeDecoder(tree: tree, id: root, path: .root, sink: sink))
        return (value, sink.problems)
    }

    static var documentKind: String {
        switch Self.self {
        case is DeploymentManifest.Type: return "deployment manifest"
        case is CloudConfig.Type: return "cloud config"
        case is RuntimeConfig.Type: return "runtime config"
        case is CPIConfig.Type: return "CPI config"
        default: return "document"
        }
    }
}
