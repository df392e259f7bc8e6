import BoshYAML

/// The text of a `release.MF` bosh-cli writes for a source release: `name`, `version`, `commit_hash`,
/// `uncommitted_changes`, then `jobs` (name, version, fingerprint, sha1, packages), `packages` (name, version,
/// fingerprint, sha1, dependencies), `license` when there is one, and `no_compression: false` — keys in the
/// order bosh-cli's manifest struct marshals them, strings quoted only where YAML would read them as another
/// type.
enum ReleaseManifestText {
    struct Entry {
        var name: String
        var fingerprint: String
        var digest: String
        /// A job's packages or a package's dependencies.
        var names: [String]
    }

    static func render(
        name: String, version: String, git: GitState, jobs: [Entry], packages: [Entry], license: Entry?
    ) throws(ReleaseSpecError) -> [UInt8] {
        var tree = YAMLTree(file: "release.MF")
        func string(_ value: String) -> YAMLTree.NodeID { tree.addString(value) }
        func list(_ values: [String]) -> YAMLTree.NodeID {
            let items = values.map { tree.addString($0) }
            return tree.addSequence(items, style: values.isEmpty ? .flow : .block)
        }
        func record(_ entry: Entry, listKey: String?) -> YAMLTree.NodeID {
            var fields: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)] = [
                (string("name"), string(entry.name)), (string("version"), string(entry.fingerprint)),
                (string("fingerprint"), string(entry.fingerprint)), (string("sha1"), string(entry.digest)),
            ]
            if let listKey { fields.append((string(listKey), list(entry.names))) }
            if listKey == nil { fields.removeFirst() }  // the license record has no name
            return tree.addMapping(fields)
        }
        var root: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)] = [
            (string("name"), string(name)), (string("version"), string(version)),
            (string("commit_hash"), string(git.commitHash)),
            (string("uncommitted_changes"), tree.addBool(git.uncommittedChanges)),
        ]
        if !jobs.isEmpty {
            let items = jobs.map { record($0, listKey: "packages") }
            root.append((string("jobs"), tree.addSequence(items)))
        }
        if !packages.isEmpty {
            let items = packages.map { record($0, listKey: "dependencies") }
            root.append((string("packages"), tree.addSequence(items)))
        }
        if let license { root.append((string("license"), record(license, listKey: nil))) }
        root.append((string("no_compression"), tree.addBool(false)))
        tree.setRoot(tree.addMapping(root))
        do { return try tree.emitBytes() } catch {
            throw ReleaseSpecError(.io, "cannot write release.MF: \(error)")
        }
    }
}
