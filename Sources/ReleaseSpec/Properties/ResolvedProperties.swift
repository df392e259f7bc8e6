import BoshYAML

/// A job's properties after merging: manifest values over spec defaults, nested by dotted name.
public struct ResolvedProperties: Sendable {
    /// The merged properties as a mapping (`{nats: {user: …, port: 4222}}`), keys in spec order.
    public var properties: YAMLNode
    /// Manifest properties the job does not declare, as dotted paths (`nats.bogus`), in document order.
    public var unknownPaths: [String]
}

extension JobSpec {
    /// Merges manifest properties over this job's defaults, as the director does: for each declared
    /// property (dotted name), the manifest value at that path if present, else the spec default, else null;
    /// nested into maps by the name's dots.
    /// - Parameter manifestProperties: the instance group's (or job's) `properties:` mapping, if any.
    public func resolveProperties(_ manifestProperties: YAMLNode?) -> ResolvedProperties {
        var merged = PropertyTree()
        for property in properties {
            let value = manifestProperties.flatMap { Self.lookup(property.path, in: $0) } ?? property.defaultValue
            merged.set(property.path, to: value)
        }
        var tree = YAMLTree(file: manifestProperties?.file ?? "<properties>")
        let root = merged.write(into: &tree)
        tree.setRoot(root)
        let unknown = manifestProperties.map { unknownPaths(in: $0) } ?? []
        return ResolvedProperties(properties: YAMLNode(tree: tree, id: root), unknownPaths: unknown)
    }

    /// Manifest property paths that no declared property covers.
    public func unknownPaths(in manifestProperties: YAMLNode) -> [String] {
        let declared = Set(properties.map(\.name))
        let prefixes = Set(
            properties.flatMap { p in p.path.indices.dropLast().map { p.path[...$0].joined(separator: ".") } })
        var unknown: [String] = []
        func walk(_ node: YAMLNode, _ path: String) {
            for (key, value) in node.entries {
                let name = path.isEmpty ? (key.string ?? "") : path + "." + (key.string ?? "")
                if declared.contains(name) { continue }
                if prefixes.contains(name), value.kind == .mapping {
                    walk(value, name)
                } else {
                    unknown.append(name)
                }
            }
        }
        walk(manifestProperties, "")
        return unknown
    }

    private static func lookup(_ path: [String], in node: YAMLNode) -> YAMLNode? {
        var current = node
        for key in path {
            guard current.kind == .mapping, let next = current[key] else { return nil }
            current = next
        }
        if current.kind == .scalar, current.scalar == .null { return nil }
        return current
    }
}

/// Ordered nested maps built from dotted names, then written into a YAML tree.
private struct PropertyTree {
    private indirect enum Value {
        case map([(String, Value)])
        case node(YAMLNode?)
    }

    private var root: [(String, Value)] = []

    mutating func set(_ path: [String], to value: YAMLNode?) {
        Self.set(path[...], value, in: &root)
    }

    private static func set(_ path: ArraySlice<String>, _ value: YAMLNode?, in entries: inout [(String, Value)]) {
        guard let key = path.first else { return }
        let index = entries.firstIndex { $0.0 == key }
        if path.count == 1 {
            if let index { entries[index].1 = .node(value) } else { entries.append((key, .node(value))) }
            return
        }
        var children: [(String, Value)] = []
        if let index, case .map(let existing) = entries[index].1 { children = existing }
        set(path.dropFirst(), value, in: &children)
        if let index { entries[index].1 = .map(children) } else { entries.append((key, .map(children))) }
    }

    func write(into tree: inout YAMLTree) -> YAMLTree.NodeID { Self.write(root, into: &tree) }

    private static func write(_ entries: [(String, Value)], into tree: inout YAMLTree) -> YAMLTree.NodeID {
        var ids: [(key: YAMLTree.NodeID, value: YAMLTree.NodeID)] = []
        for (key, value) in entries {
            let keyID = tree.addString(key)
            let valueID: YAMLTree.NodeID
            switch value {
            case .map(let children): valueID = write(children, into: &tree)
            case .node(let node?): valueID = tree.importNode(node.id, from: node.tree)
            case .node(nil): valueID = tree.addNull()
            }
            ids.append((keyID, valueID))
        }
        return tree.addMapping(ids)
    }
}
