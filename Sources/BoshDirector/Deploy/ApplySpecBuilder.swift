import AgentProtocol
import CPIProtocol
import Foundation
import ReleaseSpec
import Scheduler

/// Renders an instance's job templates and builds the apply spec the agent receives: job blobs, compiled
/// packages, networks and the rendered templates archive (put into the blobstore).
struct ApplySpecBuilder: Sendable {
    let director: LocalDirector
    let context: DeployContext

    struct Applied: Sendable {
        var spec: ApplySpec
    }

    func spec(for planned: PlannedInstance, id: String) async throws -> Applied {
        guard let group = context.group(planned.group) else {
            throw DirectorError("Instance group '\(planned.group)' is not in the manifest")
        }
        let networks = try context.cpiNetworks(planned.addresses)
        let renderNetworks = planned.addresses.map { address in
            NetworkSpecs.render(networks[address.network] ?? CPINetwork(), name: address.network)
        }
        var links: [String: [String: RenderLink]] = [:]
        for job in group.allJobs {
            links[job.name] = RenderLinks.links(group: group.name, job: job.name, context: context)
        }
        let plan: ManifestRenderPlan
        do {
            plan = try ManifestRenderPlan(
                manifest: context.manifestRoot, releases: context.releases.values.map(\.release),
                instanceGroup: group.name, index: planned.index, links: links,
                overrides: RenderInstanceOverrides(
                    id: id, az: planned.az, bootstrap: planned.bootstrap, networks: renderNetworks,
                    persistentDisk: group.persistentDisk ?? 0, dns: context.dns))
        } catch {
            throw DirectorError("/instance_groups/name=\(group.name): \(error)")
        }

        var inputs = plan.jobs
        var templates: [AgentProtocol.JobTemplate] = []
        var packages: [String: AgentProtocol.PackageSpec] = [:]
        for job in group.allJobs {
            guard let uploaded = context.releases[job.release] else {
                throw DirectorError(
                    "/instance_groups/name=\(group.name)/jobs/name=\(job.name): release '\(job.release)' is not uploaded")
            }
            guard let blob = uploaded.record.jobs.first(where: { $0.name == job.name }) else {
                throw DirectorError("Release '\(uploaded.record.slug)' has no job '\(job.name)'")
            }
            if let position = inputs.firstIndex(where: { $0.name == job.name }) { inputs[position].blobstoreID = blob.blobstoreID }
            templates.append(AgentProtocol.JobTemplate(name: blob.name, version: blob.version, sha1: blob.sha1, blobstoreID: blob.blobstoreID))
            for name in closure(of: blob.dependencies, in: uploaded.record) {
                guard let compiled = context.compiled["\(job.release)/\(name)"] else {
                    throw DirectorError("Package '\(job.release)/\(name)' of job '\(job.name)' was not compiled")
                }
                packages[name] = AgentProtocol.PackageSpec(
                    name: name, version: compiled.version, sha1: compiled.sha1, blobstoreID: compiled.blobstoreID)
            }
        }
        let rendered: RenderedInstance
        do {
            rendered = try await JobRenderer(logger: director.logger).render(inputs, for: plan.instance)
        } catch {
            throw DirectorError(error.description)
        }
        let archive = try rendered.archive()
        let stored = try await director.blobstore.put(bytes: archive)
        var networkSpec: [String: [String: JSONValue]] = [:]
        for (name, network) in networks {
            networkSpec[name] = network.json.objectValue ?? [:]
        }
        let spec = ApplySpec(
            deployment: context.deployment, name: group.name, index: planned.index, id: id, az: planned.az,
            job: AgentProtocol.JobSpec(name: group.name, templates: templates), packages: packages, networks: networkSpec,
            configurationHash: rendered.configurationHash, persistentDisk: group.persistentDisk ?? 0,
            renderedTemplatesArchive: RenderedTemplatesArchive(blobstoreID: stored.blobstoreID, sha1: stored.sha1))
        return Applied(spec: spec)
    }

    /// `names` and every package they depend on, transitively.
    private func closure(of names: [String], in release: ReleaseRecord) -> [String] {
        var seen: [String] = []
        var stack = names
        while let name = stack.popLast() {
            guard !seen.contains(name) else { continue }
            seen.append(name)
            stack += release.packages.first { $0.name == name }?.dependencies ?? []
        }
        return seen.sorted()
    }
}
