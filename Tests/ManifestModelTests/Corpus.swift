import BoshYAML
import Foundation

/// The shared YAML corpus copied into the BoshYAML test fixtures (see Tests/BoshYAMLTests/Fixtures/README.md).
enum Corpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("BoshYAMLTests/Fixtures/corpus")

    static func files(under directory: String) -> [String] {
        let base = root.appendingPathComponent(directory).path
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: base)
        while let p = e?.nextObject() as? String { if p.hasSuffix(".yml") { out.append(directory + "/" + p) } }
        return out.sorted()
    }

    static func tree(_ path: String) throws -> YAMLTree {
        let data = try Data(contentsOf: root.appendingPathComponent(path))
        return try YAMLParser.parse(bytes: [UInt8](data), file: path)
    }

    /// What kind of BOSH document a corpus file is, judged by its top-level keys.
    enum Kind { case manifest, cloudConfig, runtimeConfig, other }

    static func kind(of tree: YAMLTree) -> Kind {
        guard let root = tree.root, tree.kind(root) == .mapping else { return .other }
        let keys = Set(tree.entries(root).map { tree.text($0.key) })
        if keys.contains("name") && (keys.contains("instance_groups") || keys.contains("jobs")) { return .manifest }
        if keys.contains("vm_types") || keys.contains("disk_types") || (keys.contains("azs") && keys.contains("networks")) {
            return .cloudConfig
        }
        if keys.contains("addons") && keys.contains("releases") && !keys.contains("name") { return .runtimeConfig }
        return .other
    }
}
