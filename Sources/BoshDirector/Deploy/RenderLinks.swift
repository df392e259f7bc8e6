import BoshYAML
import ReleaseSpec
import Scheduler

/// The links a job's templates receive, from the plan's resolved links.
enum RenderLinks {
    /// `link name → RenderLink` for `job` in `group`.
    static func links(group: String, job: String, context: DeployContext) -> [String: RenderLink] {
        var links: [String: RenderLink] = [:]
        for link in context.plan.links where link.group == group && link.job == job {
            guard let data = link.data else { continue }
            let instances = data.instances.map { instance in
                RenderLinkInstance(
                    name: instance.name, id: instance.id ?? context.ids["\(instance.name)/\(instance.index)"] ?? "",
                    index: instance.index, az: instance.az, address: instance.address ?? "",
                    bootstrap: instance.bootstrap)
            }
            links[link.name] = RenderLink(
                instances: instances, properties: properties(data.properties), instanceGroup: data.instanceGroup,
                deploymentName: data.deploymentName, defaultNetwork: data.defaultNetwork, domain: "bosh")
        }
        return links
    }

    /// Dotted names with YAML-text values → nested objects, names in sorted order.
    static func properties(_ flat: [String: String]) -> RenderValue {
        final class Node {
            var value: RenderValue?
            var children: [(String, Node)] = []
            func child(_ name: String) -> Node {
                if let found = children.first(where: { $0.0 == name }) { return found.1 }
                let node = Node()
                children.append((name, node))
                return node
            }
            var render: RenderValue { value ?? .object(children.map { ($0.0, $0.1.render) }) }
        }
        let root = Node()
        for (name, text) in flat.sorted(by: { $0.key < $1.key }) {
            var node = root
            for part in name.split(separator: ".") { node = node.child(String(part)) }
            if let tree = try? YAMLParser.parse(text, file: "link property \(name)"), let id = tree.root {
                node.value = RenderValue(YAMLNode(tree: tree, id: id))
            } else {
                node.value = .string(text)
            }
        }
        return root.render
    }
}
