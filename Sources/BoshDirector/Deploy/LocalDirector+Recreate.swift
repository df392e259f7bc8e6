import BoshYAML
import Foundation
import ManifestModel
import ReleaseSpec
import Scheduler

extension LocalDirector {
    /// Recreates one instance of a deployed deployment from its last deployed manifest (the health monitor's
    /// resurrection): delete its VM, create a new one, apply and start. Holds the deployment's lock.
    /// - Parameter skipDrain: don't drain and stop first (the agent is known to be unresponsive).
    /// - Throws: ``DirectorError`` when the deployment or instance is unknown or a step fails.
    public func recreate(
        deployment name: String, instanceID: String, skipDrain: Bool = false, output: TaskOutput
    ) async throws {
        try await withDeploymentLock(name, task: output.taskID, description: "recreate instance") {
            try await recreateLocked(deployment: name, instanceID: instanceID, skipDrain: skipDrain, output: output)
        }
    }

    /// Recreates the instance under a lock its caller holds; `tracked` reports it as the stage
    /// `Recreating instance` (the caller reports it otherwise); `waitForJobs` waits until its jobs run.
    func recreateLocked(
        deployment name: String, instanceID: String, skipDrain: Bool, output: TaskOutput, tracked: Bool = true,
        waitForJobs: Bool = true
    ) async throws {
        guard let record = try await store.deployment(name), let text = record.manifest, let cloudText = record.cloudConfig else {
            throw DirectorError("Deployment '\(name)' has not been deployed")
        }
        guard let instance = record.instance(id: instanceID) else {
            throw DirectorError("Deployment '\(name)' has no instance '\(instanceID)'")
        }
        let tree = try YAMLParser.parse(text, file: "deployment '\(name)'")
        let manifest = try DeploymentManifest(tree: tree)
        let cloud = try CloudConfig(tree: try YAMLParser.parse(cloudText, file: "cloud config of '\(name)'"))
        let networks = try NetworkLayout(cloudConfig: cloud)
        let releases = try await resolveReleases(manifest, uploaded: [:])
        let stemcells = try await resolveStemcells(manifest, tarball: nil, output: output)
        let planner = DeploymentPlanner(
            manifest: manifest, cloudConfig: cloud, linkCatalog: ReleaseCatalogs.links(releases.values.map(\.release)),
            packageCatalog: ReleaseCatalogs.packages(releases.values.map(\.release)), logger: logger)
        let plan = try planner.plan(state: Self.state(of: record))
        let context = try await makeContext(
            tree: tree, manifest: manifest, cloud: cloud, networks: networks, plan: plan, releases: releases,
            stemcells: stemcells, output: output)
        let journal = DeploymentJournal(record: record, store: store)
        let updater = InstanceUpdater(director: self, context: context, journal: journal)
        let work = {
            try await updater.run(group: instance.group, index: instance.index, id: instance.id, action: .recreate, skipDrain: skipDrain)
            // A stopped instance's jobs stay stopped, a detached one gets no VM: only a started one is waited for.
            if waitForJobs && instance.state == "started" {
                try await updater.waitUntilRunning(instance, timeout: .seconds(60))
            } else {
                try await journal.update { record in
                    if var current = record.instance(id: instance.id) {
                        current.isPending = false
                        record.upsert(current)
                    }
                }
            }
        }
        if tracked { try await output.track("Recreating instance", task: instance.displayName, work) } else { try await work() }
    }
}
