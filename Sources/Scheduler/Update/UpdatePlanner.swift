import ManifestModel

/// Builds the ``UpdatePlan`` from placed instance groups with the director's rules
/// (`multi_instance_group_updater.rb`, `instance_group_updater.rb`, `instance_plan_sorter.rb`,
/// `numerical_value_calculator.rb`).
enum UpdatePlanner {
    static func plan(manifest: DeploymentManifest, groups: [InstanceGroupPlan], firstDeploy: Bool) throws -> UpdatePlan {
        let byName = Dictionary(manifest.allInstanceGroups.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var preCleanup: [UpdateTarget] = []
        var updates: [GroupUpdate] = []
        for plan in groups {
            guard let group = byName[plan.name] else {
                preCleanup += plan.obsolete.map(target)
                continue
            }
            let policy = try resolvedPolicy(group, manifest)
            let existed = plan.instances.contains { $0.id != nil } || !plan.obsolete.isEmpty
            // The director sorts every instance of the group, then skips the unchanged and ignored ones (and,
            // for errands, those without a VM): the bootstrap instance decides the first AZ even when it does
            // not change itself.
            let targets = plan.instances.map(target)
            let sorted = updateOrder(targets).filter { i in
                let p = plan.instances[i]
                return p.change.action != .none && !p.ignored && (plan.lifecycle != "errand" || p.id != nil)
            }.map { targets[$0] }
            let parallelAZs = firstDeploy && !existed && policy.initialDeployAZUpdateStrategy == "parallel"
            var azUpdates: [GroupUpdate.AZUpdate] = []
            var chunks: [[UpdateTarget]] = []
            for p in sorted {
                if !parallelAZs, let last = chunks.last?.last, last.az == p.az { chunks[chunks.count - 1].append(p) }
                else if parallelAZs, !chunks.isEmpty { chunks[0].append(p) }
                else { chunks.append([p]) }
            }
            for (i, chunk) in chunks.enumerated() {
                let n = chunk.count
                let canaryCount = i == 0 ? min(policy.canaries ?? 0, n) : 0
                azUpdates.append(.init(
                    az: parallelAZs ? nil : chunk[0].az, canaries: Array(chunk.prefix(canaryCount)),
                    instances: Array(chunk.dropFirst(canaryCount)), maxInFlight: maxInFlight(policy.maxInFlight!, of: n)))
            }
            let usesStaticIPs = group.networks?.contains { $0.staticIPs != nil } == true
            let strategy = policy.vmStrategy ?? "delete-create"
            updates.append(GroupUpdate(
                name: plan.name, serial: policy.serial ?? true, deletions: plan.obsolete.map(target),
                deleteMaxInFlight: maxInFlight(policy.maxInFlight!, of: plan.obsolete.count), azs: azUpdates,
                canaries: policy.canaries ?? 0, maxInFlight: policy.maxInFlight!,
                canaryWatchTime: policy.canaryWatchTime!, updateWatchTime: policy.updateWatchTime!,
                vmStrategy: strategy == "create-swap-delete" && usesStaticIPs ? "delete-create" : strategy))
        }
        // Consecutive non-serial groups form one parallel stage; every serial group is a stage of its own.
        var stages: [[GroupUpdate]] = []
        for update in updates {
            if !update.serial, let last = stages.last?.last, !last.serial { stages[stages.count - 1].append(update) }
            else { stages.append([update]) }
        }
        return UpdatePlan(preCleanup: preCleanup, stages: stages)
    }

    /// `max_in_flight` for `size` instances: a percentage rounds down (Ruby integer division) and is capped
    /// at `size`; the result is at least 1.
    static func maxInFlight(_ value: MaxInFlight, of size: Int) -> Int {
        switch value {
        case .count(let c): return max(1, c)
        case .percent(let p): return max(1, min(size * p / 100, size))
        }
    }

    private static func resolvedPolicy(_ group: InstanceGroup, _ manifest: DeploymentManifest) throws -> UpdatePolicy {
        let policy = (group.update ?? UpdatePolicy()).merged(over: manifest.update)
        let missing = [
            ("canaries", policy.canaries == nil), ("max_in_flight", policy.maxInFlight == nil),
            ("canary_watch_time", policy.canaryWatchTime == nil), ("update_watch_time", policy.updateWatchTime == nil),
        ].filter(\.1).map(\.0)
        if let key = missing.first {
            throw SchedulerError(.update, .manifest, manifest.update == nil ? "/update" : "/update/\(key)",
                "Instance group '\(group.name)' has no '\(key)' in its update block and the deployment's update block does not set it")
        }
        return policy
    }

    /// The positions of `plans` in update order: bootstrap first, then the rest of its AZ, then instances without
    /// an AZ, then by AZ name (the director's `instance_plan_sorter.rb`). Inside an AZ the director sorts by
    /// `group/uuid`: existing instances come in the order of their ids, which decides the canaries; new ones have
    /// no id yet and follow, by index (the order ``ReservationOrder`` gives them too).
    static func updateOrder(_ plans: [UpdateTarget]) -> [Int] {
        let bootstrapAZ = plans.first { $0.bootstrap }.map(\.az)
        func rank(_ p: UpdateTarget) -> (Int, String, Int, Int, String, Int) {
            let first = p.bootstrap ? 0 : 1, new = p.id == nil ? 1 : 0, id = p.id ?? ""
            if let b = bootstrapAZ, p.az == b { return (0, "", first, new, id, p.index) }
            guard let az = p.az else { return (1, "", 0, new, id, p.index) }
            return (2, az, 0, new, id, p.index)
        }
        let ranks = plans.map(rank)
        return plans.indices.sorted { ranks[$0] < ranks[$1] }
    }

    private static func target(_ p: PlannedInstance) -> UpdateTarget {
        UpdateTarget(group: p.group, index: p.index, id: p.id, az: p.az, bootstrap: p.bootstrap, change: p.change)
    }
}
