import BoshDirectorStore
import CPIProtocol
import Foundation

extension LocalDirector {
    /// Scans deployment `name` for problems (`bosh cloud-check`, the director's scan job): every instance that
    /// should have a VM is asked for its state; one that does not answer is `missing_vm` when the CPI says its
    /// VM is gone (or it has none) and `unresponsive_agent` otherwise. Ignored instances are skipped. The open
    /// problems found replace the earlier ones.
    /// - Returns: the task result, `scan complete`.
    /// - Throws: ``DirectorError`` when a deploy holds the deployment's lock (the scan does not wait).
    @discardableResult
    public func scan(deployment name: String, output: TaskOutput) async throws -> String {
        do {
            return try await withDeploymentLock(name, task: output.taskID, description: "scan cloud") {
                try await scanLocked(name, output: output)
            }
        } catch let error as DirectorError where error.isLockHeld {
            throw DirectorError("Unable to get deployment lock, maybe a deployment is in progress. Try again later.")
        }
    }

    private func scanLocked(_ name: String, output: TaskOutput) async throws -> String {
        guard let record = try await store.deployment(name) else { throw DirectorError("Deployment '\(name)' doesn't exist") }
        let expected = record.instances.filter { $0.state != "detached" }
        let checked = expected.filter { !$0.isIgnored }
        let stage = "Scanning \(expected.count) VMs"
        let found: [ProblemRecord] = try await output.track(stage, task: "Checking VM states") {
            // At most 32 instances asked at once (each is an agent request and maybe a CPI process).
            try await withThrowingTaskGroup(of: ProblemRecord?.self) { group in
                var found: [ProblemRecord] = []
                for (position, instance) in checked.enumerated() {
                    if position >= 32, let problem = try await group.next() { if let problem { found.append(problem) } }
                    group.addTask { try await self.problem(of: instance, deployment: name) }
                }
                for try await problem in group { if let problem { found.append(problem) } }
                return found.sorted { $0.instanceID < $1.instanceID }
            }
        }
        let missing = found.filter { $0.type == "missing_vm" }.count
        let unresponsive = found.count - missing
        let ignored = expected.count - checked.count
        let summary = "\(checked.count - found.count) OK, \(unresponsive) unresponsive, \(missing) missing, 0 unbound"
            + (ignored > 0 ? ", \(ignored) ignored" : "")
        output.started(stage, task: summary)
        output.finished(stage, task: summary)
        let disks = checked.flatMap(\.diskCIDs).count
        let diskStage = "Scanning \(disks) persistent disks"
        output.started(diskStage, task: "Looking for inactive disks")
        output.finished(diskStage, task: "Looking for inactive disks")
        let diskSummary = "\(disks) OK, 0 missing, 0 inactive, 0 mount-info mismatch"
        output.started(diskStage, task: diskSummary)
        output.finished(diskStage, task: diskSummary)
        try await store.replaceProblems(of: name, with: found)
        return "scan complete"
    }

    private func problem(of instance: InstanceRecord, deployment: String) async throws -> ProblemRecord? {
        guard let cid = instance.vmCID else {
            return ProblemRecord(deployment: deployment, type: "missing_vm", instanceID: instance.id)
        }
        if let agent = instance.agentID, (try? await agents.ping(agent, timeout: configuration.cloudCheckAgentTimeout)) != nil {
            return nil
        }
        let exists = (try? await cpi.call(HasVMArguments(cid: cid))) ?? true
        return ProblemRecord(deployment: deployment, type: exists ? "unresponsive_agent" : "missing_vm", instanceID: instance.id)
    }

    /// The open problems of deployment `name` as `bosh cloud-check` shows them (problems whose instance is gone
    /// are left out).
    public func problems(of name: String) async throws -> [CloudCheckProblem] {
        guard let record = try await store.deployment(name) else { throw DirectorError("Deployment '\(name)' doesn't exist") }
        return CloudCheckProblem.describe(try await store.problems(of: name), in: record)
    }

    /// Applies the chosen resolution of each problem (`nil`: its default), one after another under the
    /// deployment's lock (the director's apply resolutions job). Every problem named is marked resolved; ids of
    /// other deployments are dropped; the first failure is reported after all were tried.
    /// - Returns: the task result, `N resolved`.
    /// - Throws: ``DirectorError`` `Error resolving problem 'ID': …`.
    @discardableResult
    public func resolve(deployment name: String, resolutions: [Int: String?], output: TaskOutput) async throws -> String {
        try await withDeploymentLock(name, task: output.taskID, description: "apply resolutions") {
            guard let record = try await store.deployment(name) else { throw DirectorError("Deployment '\(name)' doesn't exist") }
            let known = try await store.problems(of: name, all: true)
            var resolved = 0
            var errors: [String] = []
            let stage = "Applying problem resolutions"
            for (id, choice) in resolutions.sorted(by: { $0.key < $1.key }) {
                guard let problem = known.first(where: { $0.id == id }) else { continue }
                guard problem.state == "open" else {
                    output.started(stage, task: "Ignoring problem \(id) (state is '\(problem.state)')")
                    output.finished(stage, task: "Ignoring problem \(id) (state is '\(problem.state)')")
                    continue
                }
                guard let instance = record.instance(id: problem.instanceID), let view = CloudCheckProblem(problem, instance: instance)
                else {
                    try await store.resolveProblem(id)
                    continue
                }
                let wanted = (choice ?? nil) ?? view.defaultResolution
                let plan = view.resolutions.first { $0.name == wanted }
                let task = plan.map { "\(view.description) (\(problem.type) \(problem.instanceID)): \($0.plan)" } ?? "no resolution"
                do {
                    try await output.track(stage, task: task) {
                        guard plan != nil else { throw DirectorError("Cannot find '\(wanted)' resolution for '\(view.handlerName)'") }
                        try await apply(wanted, to: instance, problem: problem, deployment: name, output: output)
                    }
                } catch {
                    errors.append("Error resolving problem '\(id)': \(error)")
                }
                try await store.resolveProblem(id)
                resolved += 1
            }
            if let first = errors.first { throw DirectorError(first) }
            return "\(resolved) resolved"
        }
    }

    private func apply(
        _ resolution: String, to instance: InstanceRecord, problem: ProblemRecord, deployment: String, output: TaskOutput
    ) async throws {
        guard resolution != "ignore" else { return }
        if problem.type == "unresponsive_agent", let agent = instance.agentID, await isResponsive(agent) {
            throw DirectorError("Agent is responding now, skipping resolution")
        }
        var instance = instance
        switch resolution {
        case "recreate_vm", "recreate_vm_without_wait":
            try await recreateLocked(
                deployment: deployment, instanceID: instance.id, skipDrain: true, output: output, tracked: false,
                waitForJobs: resolution == "recreate_vm")
        case "reboot_vm":
            guard let cid = instance.vmCID, let agent = instance.agentID else { throw DirectorError("The instance has no VM") }
            _ = try await cpi.call(RebootVMArguments(cid: cid))
            try await waitForAgent(agent, vmCID: cid)
        case "delete_vm":
            if let cid = instance.vmCID { try await deleteVM(cid) }
            instance.vmCID = nil
            instance.agentID = nil
            try await store.save(instance, deployment: deployment)
        case "delete_vm_reference":
            if let cid = instance.vmCID { try await store.removeVMs(cid: cid) }
            instance.vmCID = nil
            instance.agentID = nil
            try await store.save(instance, deployment: deployment)
        default:
            throw DirectorError("Cannot find '\(resolution)' resolution")
        }
    }
}
