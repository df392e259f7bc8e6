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
                instances: instances, properties: data.properties, instanceGroup: data.instanceGroup,
                deploymentName: data.deploymentName, defaultNetwork: data.defaultNetwork, domain: "bosh")
        }
        return links
    }
}
