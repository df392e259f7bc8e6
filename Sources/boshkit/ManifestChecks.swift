import BoshYAML
import Foundation
import ManifestModel

/// Checking documents before they are used: warnings (unknown keys) on stderr, errors as one failure.
enum ManifestChecks {
    /// What a YAML document looks like, for `boshkit int`, which reads any YAML.
    enum Kind {
        case deployment
        case cloudConfig
    }

    /// A deployment manifest has `instance_groups` (or v1 `jobs`), or `name` with `releases` or `stemcells`;
    /// a cloud config has no `name` and one of its own keys (`vm_types`, `azs`, `compilation`…). Anything else
    /// (an ops file, a vars file, a runtime config, any YAML) is not checked.
    static func kind(of tree: YAMLTree) -> Kind? {
        guard let root = tree.root, tree.kind(root) == .mapping else { return nil }
        func has(_ key: String) -> Bool { tree.value(root, forKey: key) != nil }
        if has("instance_groups") || (has("name") && (has("releases") || has("stemcells") || has("jobs"))) {
            return .deployment
        }
        if !has("name"), ["vm_types", "azs", "compilation", "disk_types", "vm_extensions"].contains(where: has) {
            return .cloudConfig
        }
        return nil
    }

    /// Unknown keys of a document of that kind, as warnings placed for the user.
    static func unknownKeys(_ input: ManifestInput, tree: YAMLTree, kind: Kind) -> [ManifestProblem] {
        switch kind {
        case .deployment: return input.locate(DeploymentManifest.unknownKeys(in: tree))
        case .cloudConfig: return input.locate(CloudConfig.unknownKeys(in: tree))
        }
    }

    /// Whether `tree` has a key the director does not read (the same keys ``unknownKeys(_:tree:kind:)`` finds in
    /// the tree's printed text read back, without printing it).
    static func hasUnknownKeys(_ tree: YAMLTree, kind: Kind) -> Bool {
        switch kind {
        case .deployment: return !DeploymentManifest.unknownKeys(in: tree).isEmpty
        case .cloudConfig: return !CloudConfig.unknownKeys(in: tree).isEmpty
        }
    }

    /// Prints each warning on stderr.
    static func print(_ warnings: [ManifestProblem]) {
        for warning in warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
    }

    /// A failure listing every error, one per line, or nothing when there are none.
    static func fail(_ errors: [ManifestProblem]) throws {
        guard !errors.isEmpty else { return }
        throw CLIFailure(errors.map(\.description).joined(separator: "\n"))
    }
}
