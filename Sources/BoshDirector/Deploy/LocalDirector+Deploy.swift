import BoshYAML
import Foundation
import ManifestModel
import ReleaseSpec
import Scheduler

extension LocalDirector {
    /// Deploys: uploads releases and stemcell, plans, shows the diff and asks to confirm, compiles packages,
    /// then updates instances (canaries first, `max_in_flight` at once) and records the deployment.
    ///
    /// Holds the deployment's lock throughout; a second deploy of the same deployment fails at once.
    /// - Throws: ``DirectorError`` (or the library's own error) naming the file, manifest path or instance.
    public func deploy(_ request: DeployRequest, output: TaskOutput) async throws -> DeployReport {
        let tree: YAMLTree
        do { tree = try YAMLParser.parse(request.manifest, file: request.manifestFile) } catch {
            throw DirectorError("\(error)")
        }
        let manifest = try DeploymentManifest(tree: tree)
        let cloudTree = try YAMLParser.parse(request.cloudConfig, file: request.cloudConfigFile)
        let cloud = try CloudConfig(tree: cloudTree)
        let problems = DeploymentManifest.validate(tree, cloudConfig: cloud)
        if !problems.isEmpty {
            throw DirectorError(problems.map { "\($0)" }.joined(separator: "\n"))
        }
        return try await withDeploymentLock(manifest.name, task: output.taskID, description: "deploy") {
            try await deployLocked(request, tree: tree, manifest: manifest, cloud: cloud, output: output)
        }
    }

    private func deployLocked(
        _ request: DeployRequest, tree: YAMLTree, manifest: DeploymentManifest, cloud: CloudConfig, output: TaskOutput
    ) async throws -> DeployReport {
        let name = manifest.name
        let task = output.taskID
        var previous = try await store.deployment(name) ?? DeploymentRecord(name: name)
        // VMs a killed deploy left without an owner are deleted first.
        previous = try await reconcileVMs(previous)

        // Uploads.
        var uploaded: [String: (record: ReleaseRecord, release: Release)] = [:]
        for path in request.releases {
            let tarball = try await ReleaseSource.tarball(for: path, director: self)
            let result = try await output.track("Uploading release", task: URL(fileURLWithPath: path).lastPathComponent) {
                try await ReleaseUploader(store: store, layout: layout, blobstore: blobstore, logger: logger).upload(
                    tarball: tarball, task: task)
            }
            uploaded[result.record.name] = (result.record, result.release)
        }
        // Releases and stemcells are bound to the deployment before their blobs are read, under the releases'
        // locks (as the director's assembler binds them): a deletion waits for the lock, then finds them in use.
        // The versions deployed before stay bound until this deploy succeeds.
        let bound = (releases: previous.releases, stemcells: previous.stemcells)
        let (releases, stemcells) = try await withLocks(
            (manifest.releases ?? []).map { LockRecord.release($0.name) }, task: task, description: "deploy: \(name)",
            waiting: .seconds(300)
        ) {
            let releases = try await resolveReleases(manifest, uploaded: uploaded)
            let stemcells = try await resolveStemcells(manifest, tarball: request.stemcell, output: output)
            previous.releases = Set(bound.releases).union(releases.values.map(\.record.slug)).sorted()
            previous.stemcells = Set(bound.stemcells).union(stemcells.values.map(\.slug)).sorted()
            try await store.saveFields(of: previous)
            return (releases, stemcells)
        }
        // A deploy that ends before changing anything leaves the bindings as they were.
        let unbind: (DeploymentRecord) async throws -> Void = { [store] record in
            if record.manifest == nil && record.instances.isEmpty {
                try await store.removeDeployment(record.name)
            } else {
                var restored = record
                (restored.releases, restored.stemcells) = bound
                try await store.saveFields(of: restored)
            }
        }

        // Plan.
        let networks = try NetworkLayout(cloudConfig: cloud)
        let planner = DeploymentPlanner(
            manifest: manifest, cloudConfig: cloud, linkCatalog: ReleaseCatalogs.links(releases.values.map(\.release)),
            packageCatalog: ReleaseCatalogs.packages(releases.values.map(\.release)), logger: logger)
        let options = PlanOptions(recreate: request.recreate)
        var plan = try planner.plan(
            state: Self.state(of: previous, usedElsewhere: try await addressesElsewhere(than: name, cloud: cloud)), options: options)
        let ignored = previous.instances.filter(\.isIgnored)
        if !ignored.isEmpty { output.warning("You have ignored instances. They will not be changed.") }
        if let doomed = plan.update.preCleanup.first(where: { target in ignored.contains { $0.id == target.id } }) {
            throw DirectorError(
                "You are trying to delete instance '\(doomed.group)/\(doomed.id ?? "?")' which is ignored; run `bosh unignore` first")
        }

        // Diff and confirmation.
        let diff = try ManifestDiff(
            old: previous.manifest ?? "", oldFile: "deployed", new: request.manifest, newFile: request.manifestFile,
            redact: !request.showSecrets)
        let changes = plan.update.groups.flatMap(\.targets).count + plan.update.preCleanup.count
        if !diff.hasChanges && changes == 0 {
            try await unbind(previous)
            return DeployReport(deployment: name, task: task, changed: false, updatedInstances: [])
        }
        guard await request.confirm(diff.rendered()) else {
            try await unbind(previous)
            return DeployReport(deployment: name, task: task, changed: false, declined: true, updatedInstances: [])
        }

        // Reserve the plan's addresses; if another deployment took one meanwhile, plan again around it.
        if !(try await store.reserveAddresses(Self.addresses(of: plan), for: name)).isEmpty {
            plan = try planner.plan(
                state: Self.state(of: previous, usedElsewhere: try await addressesElsewhere(than: name, cloud: cloud)), options: options)
            let taken = try await store.reserveAddresses(Self.addresses(of: plan), for: name)
            if let (address, owner) = taken.sorted(by: { $0.key < $1.key }).first {
                throw DirectorError("Address '\(address)' is in use by deployment '\(owner)'")
            }
        }

        // Compile.
        let isNew = previous.manifest == nil
        let started = try await store.record(
            EventRecord(action: isNew ? "create" : "update", objectType: "deployment", objectName: name, task: "\(task)", deployment: name))
        let journal = DeploymentJournal(record: previous, store: store)
        try await journal.saveAll()
        let context = try await makeContext(
            tree: tree, manifest: manifest, cloud: cloud, networks: networks, plan: plan, releases: releases,
            stemcells: stemcells, output: output)
        let ids = context.ids
        let updater = InstanceUpdater(director: self, context: context, journal: journal)
        let report = await UpdateExecutor(clock: ContinuousClock(), logger: logger).run(
            plan.update,
            events: { event in Self.report(event, context: context, output: output) },
            isRunning: { update in try await updater.isRunning(update) },
            action: { update in try await updater.run(update) })
        var failure: String?
        switch report.outcome {
        case .succeeded: break
        case .failed(let target, let message):
            let id = target.id ?? ids["\(target.group)/\(target.index)"] ?? "?"
            failure = "Updating instance '\(target.group)/\(id) (\(target.index))' failed: \(message)"
        case .cancelled:
            failure = "Task \(task) cancelled"
        }
        try await store.record(
            EventRecord(
                action: isNew ? "create" : "update", objectType: "deployment", objectName: name, task: "\(task)", deployment: name,
                error: failure, parentID: started))
        switch report.outcome {
        case .succeeded:
            let cloudConfig = try await store.updateConfig(type: "cloud", content: request.cloudConfig).config
            try await journal.update {
                $0.manifest = request.manifest
                $0.cloudConfig = request.cloudConfig
                $0.configIDs = [cloudConfig.id]
                $0.releases = releases.values.map(\.record.slug).sorted()
                $0.stemcells = stemcells.values.map(\.slug).sorted()
            }
            return DeployReport(
                deployment: name, task: task, changed: true,
                updatedInstances: report.finished.map { "\($0.group)/\($0.id ?? ids["\($0.group)/\($0.index)"] ?? "?")" })
        case .failed(let target, let message):
            let id = target.id ?? ids["\(target.group)/\(target.index)"] ?? "?"
            throw DirectorError("Updating instance '\(target.group)/\(id) (\(target.index))' failed: \(message)")
        case .cancelled:
            throw DirectorError("Task \(task) cancelled")
        }
    }

    /// Compiles what the plan needs (reusing compiled packages) and gathers what instance updates need.
    func makeContext(
        tree: YAMLTree, manifest: DeploymentManifest, cloud: CloudConfig, networks: NetworkLayout, plan: DeploymentPlan,
        releases: [String: (record: ReleaseRecord, release: Release)], stemcells: [String: StemcellRecord],
        output: TaskOutput
    ) async throws -> DeployContext {
        guard let root = tree.root else { throw DirectorError("\(tree.file): the manifest is empty") }
        var ids: [String: String] = [:]
        for group in plan.instanceGroups {
            for instance in group.instances + group.obsolete {
                ids["\(group.name)/\(instance.index)"] = instance.id ?? UUID().uuidString.lowercased()
            }
        }
        guard let stemcell = stemcells.values.first else { throw DirectorError("\(tree.file): /stemcells: no stemcell") }
        var compiled: [String: CompiledPackageRecord] = [:]
        if let compilation = plan.compilation, let waves = compilation.stemcells.first?.waves, !waves.isEmpty {
            let elsewhere = Set(try await store.addressesElsewhere(than: plan.deployment).compactMap { IPv4Address($0) })
            let slots = try compilationSlots(
                cloud, networks: networks, plan: plan, stemcell: stemcell, workers: compilation.workers, elsewhere: elsewhere)
            var sources: [String: ReleaseRecord.Blob] = [:]
            for (release, entry) in releases {
                for package in entry.record.packages { sources["\(release)/\(package.name)"] = package }
            }
            compiled = try await PackageCompiler(
                director: self, output: output, sources: sources, stemcell: stemcell, slots: slots
            ).compile(waves)
        }
        return DeployContext(
            deployment: manifest.name, manifestRoot: YAMLNode(tree: tree, id: root), manifest: manifest, cloudConfig: cloud,
            networks: networks, plan: plan, releases: releases, stemcells: stemcells, compiled: compiled, ids: ids,
            dns: ManifestRenderPlan.dnsNumbering(
                manifest: YAMLNode(tree: tree, id: root), releases: releases.values.map(\.release),
                azs: cloud.azs?.map(\.name)))
    }

    /// The addresses other deployments hold, for each network of `cloud` (one address is never handed out twice).
    func addressesElsewhere(than deployment: String, cloud: CloudConfig) async throws -> [String: [IPv4Address]] {
        let taken = try await store.addressesElsewhere(than: deployment).compactMap { IPv4Address($0) }.sorted()
        guard !taken.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: (cloud.networks ?? []).map { ($0.name, taken) })
    }

    /// Every address of the plan (kept, new and obsolete instances), address → network.
    static func addresses(of plan: DeploymentPlan) -> [String: String] {
        var found: [String: String] = [:]
        for group in plan.instanceGroups {
            for instance in group.instances + group.obsolete {
                for address in instance.addresses { if let ip = address.ip { found[ip.description] = address.network } }
            }
        }
        return found
    }

    /// The planner's view of a recorded deployment; an instance a crashed deploy left half-done is recreated.
    static func state(of record: DeploymentRecord, usedElsewhere: [String: [IPv4Address]]? = nil) -> DeploymentState {
        DeploymentState(
            instances: record.instances.map { instance in
                ExistingInstance(
                    group: instance.group, index: instance.index, id: instance.id, az: instance.az,
                    addresses: instance.addresses.compactMapValues { IPv4Address($0) }, bootstrap: instance.bootstrap,
                    current: instance.isPending || instance.vmCID == nil
                        ? InstanceSpec(stemcell: "<unfinished deploy>") : instance.spec)
            },
            usedElsewhere: usedElsewhere)
    }

    /// The uploaded release of each manifest release (`latest` = the last uploaded version).
    func resolveReleases(
        _ manifest: DeploymentManifest, uploaded: [String: (record: ReleaseRecord, release: Release)]
    ) async throws -> [String: (record: ReleaseRecord, release: Release)] {
        let all = try await store.releases()
        var resolved: [String: (record: ReleaseRecord, release: Release)] = [:]
        for (position, reference) in (manifest.releases ?? []).enumerated() {
            let wanted = reference.version.map { "\($0)" } ?? "latest"
            let candidates = all.filter { $0.name == reference.name }
            let match = wanted == "latest" ? (uploaded[reference.name]?.record ?? candidates.last)
                : candidates.first { $0.version == wanted }
            guard let record = match else {
                throw DirectorError(
                    "/releases/\(position): Release '\(reference.name)/\(wanted)' is not uploaded; pass it with --release")
            }
            if let fresh = uploaded[reference.name], fresh.record == record {
                resolved[reference.name] = fresh
            } else {
                resolved[reference.name] = (record, try record.readTarball(logger: logger))
            }
        }
        return resolved
    }

    /// One VM request per compilation worker, each with its own address on the compilation network.
    func compilationSlots(
        _ cloud: CloudConfig, networks: NetworkLayout, plan: DeploymentPlan, stemcell: StemcellRecord, workers: Int,
        elsewhere: Set<IPv4Address> = []
    ) throws -> [VMRequest] {
        guard let compilation = cloud.compilation else { throw DirectorError("cloud config: /compilation is missing") }
        var used = elsewhere
        for group in plan.instanceGroups {
            for instance in group.instances + group.obsolete { for a in instance.addresses { if let ip = a.ip { used.insert(ip) } } }
        }
        let count = max(1, workers)
        let ips = networks.dynamicAddresses(of: compilation.network, az: compilation.az, excluding: used, count: count)
        guard ips.count == count else {
            throw DirectorError(
                "cloud config: /compilation/network: network '\(compilation.network)' has no free address for \(count) compilation VMs")
        }
        let cloudProperties = try JSONConversion.object(
            compilation.cloudProperties ?? cloud.vmTypes?.first { $0.name == compilation.vmType }?.cloudProperties)
        return try ips.map { ip in
            let network = try NetworkSpecs.cpi(
                network: compilation.network, ip: ip, isDefault: true, cloud: cloud, layout: networks)
            return VMRequest(
                agentID: "", stemcell: stemcell, networks: [compilation.network: network],
                cloudProperties: cloudProperties, group: "compilation", metadata: ["compiling": .string("true")],
                deployment: plan.deployment, instanceID: nil, purpose: "compilation")
        }
    }

    static func report(_ event: UpdateEvent, context: DeployContext, output: TaskOutput) {
        func describe(_ update: InstanceUpdate) -> (stage: String, tags: [String], task: String) {
            let target = update.target
            let id = target.id ?? context.ids["\(target.group)/\(target.index)"] ?? "?"
            let label = update.kind == .canary ? " (canary)" : ""
            let stage = update.kind == .delete ? "Deleting unneeded instances" : "Updating instance"
            return (stage, update.kind == .delete ? [] : [target.group], "\(target.group)/\(id) (\(target.index))\(label)")
        }
        switch event {
        case .started(let update):
            let d = describe(update)
            output.started(d.stage, tags: d.tags, task: d.task)
        case .finished(let update):
            let d = describe(update)
            output.finished(d.stage, tags: d.tags, task: d.task)
        case .failed(let update, let message):
            let d = describe(update)
            output.failed(d.stage, tags: d.tags, task: d.task, error: message)
        default:
            break
        }
    }
}
