import ReleaseSpec
import Scheduler

/// The links a job's templates receive, from the plan's resolved links.
enum RenderLinks {
    /// `link name → RenderLink` for `job` in `group`.
    static func links(group: String, job: String, context: DeployContext) -> [String: RenderLink] {
        links(group: group, job: job, plan: context.plan, ids: context.ids)
    }

    /// `link name → RenderLink` for `job` in `group`, instance ids by `group/index`.
    static func links(group: String, job: String, plan: DeploymentPlan, ids: [String: String]) -> [String: RenderLink] {
        var links: [String: RenderLink] = [:]
        for link in plan.links where link.group == group && link.job == job {
            guard let data = link.data else { continue }
            let instances = data.instances.map { instance in
                RenderLinkInstance(
                    name: instance.name, id: instance.id ?? ids["\(instance.name)/\(instance.index)"] ?? "",
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
