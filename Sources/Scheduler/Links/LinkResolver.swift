import BoshYAML
import ManifestModel
import ReleaseSpec

/// Resolves each job's consumed links against the links jobs provide (the director's `links_manager.rb`):
///
/// - **implicit**: no `consumes` entry → the one provider of the same type in this deployment;
/// - **explicit**: `from: NAME` → the provider whose name or `as` alias is NAME (and whose type matches),
///   in this deployment or, with `deployment: D`, among the links D shares;
/// - **nil**: `consumes: {db: nil}` blocks the link (allowed for optional links only);
/// - **optional** links resolve to nothing when no provider exists (unless asked for explicitly).
///
/// Zero providers for a required link and several providers for any link are errors in the director's words.
struct LinkResolver {
    let deployment: String
    let manifest: DeploymentManifest
    let catalog: LinkCatalog
    let groups: [InstanceGroupPlan]
    let shared: [SharedLink]

    private struct Provider {
        var group: InstanceGroup
        var job: JobReference
        var originalName: String
        var name: String
        var type: String
        var properties: RenderValue
    }

    func resolve() throws -> [ResolvedLink] {
        let plans = Dictionary(groups.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var providers: [Provider] = []
        let global = Self.value(manifest.properties)
        for group in manifest.allInstanceGroups {
            for job in group.allJobs {
                guard let links = catalog.links(release: job.release, job: job.name) else { continue }
                for definition in links.provides {
                    let entry = job.provides?[definition.name]
                    if Self.isNil(entry) { continue }  // provides: {x: nil} blocks it
                    let alias = entry?["as"]?.string ?? definition.name
                    let properties = try exposedProperties(definition, of: job, in: group, links: links, global: global)
                    providers.append(Provider(
                        group: group, job: job, originalName: definition.name, name: alias, type: definition.type,
                        properties: properties))
                }
            }
        }
        var resolved: [ResolvedLink] = []
        for group in manifest.allInstanceGroups {
            for job in group.allJobs {
                guard let links = catalog.links(release: job.release, job: job.name) else { continue }
                for definition in links.consumes {
                    resolved.append(try resolve(definition, job: job, group: group, providers: providers, plans: plans))
                }
            }
        }
        return resolved
    }

    private func resolve(
        _ consumer: LinkCatalog.Definition, job: JobReference, group: InstanceGroup, providers: [Provider],
        plans: [String: InstanceGroupPlan]
    ) throws -> ResolvedLink {
        let entry = job.consumes?[consumer.name]
        let path = Paths.consumer(group.name, job.name, consumer.name)
        var result = ResolvedLink(group: group.name, job: job.name, name: consumer.name, type: consumer.type)
        func fail(_ message: String) -> SchedulerError { SchedulerError(.links, .manifest, path, message) }

        if Self.isNil(entry) {
            if consumer.optional { return result }
            throw fail("Can't resolve link '\(consumer.name)' with type '\(consumer.type)' for job '\(job.name)' in instance_group '\(group.name)' in deployment '\(deployment)': it is set to nil but the job requires it")
        }
        let from = entry?["from"]?.string
        let network = entry?["network"]?.string
        let fromDeployment = entry?["deployment"]?.string
        let withNetwork = network.map { " with network '\($0)'" } ?? ""

        if let fromDeployment, fromDeployment != deployment {
            let name = from ?? consumer.name
            let found = shared.filter { $0.deployment == fromDeployment && $0.name == name && $0.type == consumer.type }
            guard let link = found.first else {
                throw fail("Can't resolve link '\(name)' for job '\(job.name)' in instance group '\(group.name)' in deployment '\(deployment)'\(withNetwork): deployment '\(fromDeployment)' shares no such link")
            }
            result.provider = "\(fromDeployment)/\(link.name)"
            result.data = link.data
            return result
        }
        let found: [Provider]
        if let from {
            found = providers.filter { $0.name == from && $0.type == consumer.type }
            if found.isEmpty {
                throw fail("Can't resolve link '\(from)' for job '\(job.name)' in instance group '\(group.name)' in deployment '\(deployment)'\(withNetwork)")
            }
            if found.count > 1 {
                let list = found.map { "\n   \($0.originalName)\($0.name != $0.originalName ? " aliased as '\($0.name)'" : "") (job: \($0.job.name), instance group: \($0.group.name))" }
                throw fail("Multiple providers of name/alias '\(from)' found for job '\(job.name)' in instance group '\(group.name)'. All of these match:" + list.joined())
            }
        } else {
            found = providers.filter { $0.type == consumer.type }
            if found.isEmpty {
                if consumer.optional { return result }
                throw fail("Can't resolve link '\(consumer.name)' with type '\(consumer.type)' for job '\(job.name)' in instance_group '\(group.name)' in deployment '\(deployment)'\(withNetwork)")
            }
            if found.count > 1 {
                let list = found.map { "\n   Deployment: \(deployment), instance group: \($0.group.name), job: \($0.job.name), link name/alias: \($0.name)" }
                throw fail("Multiple providers of type '\(consumer.type)' found for consumer link '\(consumer.name)' in job '\(job.name)' in instance group '\(group.name)'. All of these match:" + list.joined())
            }
        }
        let provider = found[0]
        result.provider = "\(deployment)/\(provider.group.name)/\(provider.job.name)/\(provider.name)"
        result.data = try data(for: provider, plan: plans[provider.group.name], network: network, path: path)
        return result
    }

    private func data(for provider: Provider, plan: InstanceGroupPlan?, network: String?, path: String) throws -> LinkData {
        let networks = (provider.group.networks ?? []).map(\.name)
        let defaultNetwork = network ?? plan?.instances.first?.addresses.first { $0.isDefault }?.network ?? networks.first
        if let network, !networks.contains(network) {
            throw SchedulerError(.links, .manifest, path, "Provider link does not have network: '\(network)'")
        }
        let instances = (plan?.instances ?? []).map { p in
            LinkData.Instance(
                name: provider.group.name, id: p.id, index: p.index, az: p.az,
                address: p.addresses.first { $0.network == defaultNetwork }?.ip?.description, bootstrap: p.bootstrap)
        }
        return LinkData(
            deploymentName: deployment, instanceGroup: provider.group.name, defaultNetwork: defaultNetwork,
            networks: networks, instances: instances, properties: provider.properties)
    }

    /// The properties `definition` exposes (`provides: [{properties: [...]}]`), bound as the provider job's
    /// templates see them (``ReleaseSpec/JobSpec/bindProperties(_:global:instanceGroup:job:jobName:)``: the
    /// job's `properties:`, else the global ones with the instance group's merged over them, else the spec
    /// default), nested by their dotted names. Each exposed property must be declared in the job's spec.
    private func exposedProperties(
        _ definition: LinkCatalog.Definition, of job: JobReference, in group: InstanceGroup,
        links: LinkCatalog.JobLinks, global: RenderValue?
    ) throws -> RenderValue {
        let jobPath = Paths.job(group.name, job.name)
        var declared: [PropertyDefinition] = []
        for name in definition.properties {
            guard let property = links.properties.first(where: { $0.name == name }) else {
                throw SchedulerError(
                    .links, .manifest, Paths.provider(group.name, job.name, definition.name),
                    "Link property \(name) in template \(job.name) is not defined in release spec")
            }
            declared.append(property)
        }
        do {
            return try JobSpec.bindProperties(
                declared, global: global, instanceGroup: Self.value(group.properties), job: Self.value(job.properties),
                jobName: job.name)
        } catch {
            throw SchedulerError(.links, .manifest, jobPath + "/properties", error.message)
        }
    }

    /// A manifest `properties:` value for binding; a missing or null one counts as absent.
    static func value(_ node: YAMLNode?) -> RenderValue? {
        node.map(RenderValue.init).flatMap { $0.isNull ? nil : $0 }
    }

    /// `nil` as manifests write it: YAML null, or the word `nil` (as the director's docs spell it).
    static func isNil(_ node: YAMLNode?) -> Bool {
        guard let node else { return false }
        return node.scalar == .null || node.scalar == .string("nil")
    }
}
