import BoshYAML

/// What a YAML document is, judged from its top-level keys.
public enum DiffDocumentKind: String, Hashable, Sendable {
    /// A deployment manifest (`instance_groups`, `jobs`, `stemcells`, `update` …).
    case deployment = "deployment manifest"
    /// A cloud config (`azs`, `vm_types`, `networks`, `compilation` …) without deployment keys.
    case cloudConfig = "cloud config"
    /// A runtime config (`addons`, or `releases` without deployment keys).
    case runtimeConfig = "runtime config"
    /// Empty, or nothing that tells (any kind matches it).
    case unknown = "document"

    private static let deploymentKeys: Set<String> = ["instance_groups", "jobs", "stemcells", "update", "name"]
    private static let cloudKeys: Set<String> = [
        "azs", "vm_types", "vm_extensions", "disk_types", "networks", "compilation", "disk_pools", "resource_pools",
    ]
    private static let runtimeKeys: Set<String> = ["addons", "releases"]

    /// The kind of a map document and the key that decided it.
    static func classify(_ doc: DiffDocument) -> (DiffDocumentKind, Int32?) {
        var cloud: Int32? = nil
        var runtime: Int32? = nil
        for i in 0..<doc.count(doc.root) {
            let key = doc.entry(doc.root, i).key
            guard doc.kind(key) == .scalar else { continue }
            let text = doc.rawText(key)
            if deploymentKeys.contains(text) { return (.deployment, key) }
            if cloud == nil && cloudKeys.contains(text) { cloud = key }
            if runtime == nil && runtimeKeys.contains(text) { runtime = key }
        }
        if let cloud { return (.cloudConfig, cloud) }
        if let runtime { return (.runtimeConfig, runtime) }
        return (.unknown, nil)
    }
}
