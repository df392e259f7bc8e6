import BoshDirectorStore
import Foundation

/// What `bosh start|stop|restart|recreate` asks of instances (`PUT /deployments/NAME/jobs/…?state=`).
public enum InstanceStateChange: String, Sendable, Hashable, CaseIterable {
    /// Start the jobs (a detached instance gets a VM again).
    case started
    /// Drain and stop the jobs; the VM stays.
    case stopped
    /// Drain and stop the jobs and delete the VM (`stop --hard`).
    case detached
    /// Stop then start the jobs.
    case restart
    /// Replace the VM.
    case recreate
}

extension LocalDirector {
    /// Changes the state of the instances of `deployment` that `group` (`*` or `nil`: all) and `instance` (an id
    /// or an index; `nil`: all of the group) select, one after another, under the deployment's lock; records
    /// each instance's desired state and an event.
    /// - Returns: the names of the instances changed.
    /// - Throws: ``DirectorError`` when the deployment, group or instance is unknown or a step fails.
    @discardableResult
    public func changeState(
        deployment name: String, group: String?, instance: String?, to change: InstanceStateChange, skipDrain: Bool = false,
        output: TaskOutput
    ) async throws -> [String] {
        try await withDeploymentLock(name, task: output.taskID, description: "\(change.rawValue) instances") {
            guard let record = try await store.deployment(name), record.manifest != nil else {
                throw DirectorError("Deployment '\(name)' doesn't exist")
            }
            let selected = record.instances.filter { candidate in
                (group == nil || group == "*" || candidate.group == group)
                    && (instance == nil || candidate.id == instance || "\(candidate.index)" == instance)
            }
            guard !selected.isEmpty else {
                throw DirectorError(
                    "No instance of deployment '\(name)' matches '\(group ?? "*")\(instance.map { "/\($0)" } ?? "")'")
            }
            if instance != nil, let ignored = selected.first(where: \.isIgnored) {
                throw DirectorError(
                    "You are trying to change the state of the ignored instance '\(ignored.name)'."
                        + "This operation is not allowed. You need to unignore it first.")
            }
            if selected.contains(where: \.isIgnored) { output.warning("You have ignored instances. They will not be changed.") }
            var changed: [String] = []
            for target in selected where !target.isIgnored {
                try await output.track("Updating instance", tags: [target.group], task: target.displayName) {
                    try await apply(change, to: target, deployment: name, skipDrain: skipDrain, output: output)
                }
                try await store.record(
                    EventRecord(
                        action: change == .started ? "start" : change == .stopped || change == .detached ? "stop" : change.rawValue,
                        objectType: "instance", objectName: target.name, task: "\(output.taskID)", deployment: name,
                        instance: target.name))
                changed.append(target.name)
            }
            return changed
        }
    }

    private func apply(
        _ change: InstanceStateChange, to target: InstanceRecord, deployment: String, skipDrain: Bool, output: TaskOutput
    ) async throws {
        var instance = target
        switch change {
        case .started, .restart:
            if change == .restart, let agent = instance.agentID, instance.vmCID != nil {
                if !skipDrain { _ = try? await agents.drain(agent, type: .update) }
                try await agents.stop(agent)
            }
            if instance.vmCID == nil {
                // Detached: a VM again, from the deployed manifest.
                instance.state = "started"
                try await store.save(instance, deployment: deployment)
                try await recreateLocked(deployment: deployment, instanceID: instance.id, skipDrain: true, output: output)
                instance = try await store.deployment(deployment)?.instance(id: instance.id) ?? instance
            } else if let agent = instance.agentID {
                try await agents.start(agent)
                try await waitForJobs(agent, of: instance)
            }
            instance.state = "started"
        case .stopped, .detached:
            if let agent = instance.agentID, instance.vmCID != nil, await isResponsive(agent) {
                if !skipDrain { _ = try? await agents.drain(agent, type: .shutdown) }
                try await agents.stop(agent)
            }
            if change == .detached, let cid = instance.vmCID {
                try await deleteVM(cid)
                instance.vmCID = nil
                instance.agentID = nil
            }
            instance.state = change.rawValue
        case .recreate:
            // The desired state is kept: a stopped instance gets a new VM with its jobs stopped, a detached one none.
            try await recreateLocked(deployment: deployment, instanceID: instance.id, skipDrain: skipDrain, output: output)
            instance = try await store.deployment(deployment)?.instance(id: instance.id) ?? instance
        }
        try await store.save(instance, deployment: deployment)
    }

    /// Polls the agent until its jobs run (60 s).
    func waitForJobs(_ agent: String, of instance: InstanceRecord) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if (try? await agents.getState(agent).jobState) == "running" { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw DirectorError("'\(instance.displayName)' is not running after update. Review logs for failed jobs")
    }
}
