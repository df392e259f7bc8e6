import BoshDirectorStore
import Foundation

/// What `bosh start|stop|restart|recreate GROUP/ID --no-converge` asks of one instance
/// (`POST /deployments/NAME/instance_groups/GROUP/ID/actions/ACTION`).
public enum InstanceAction: String, Sendable, Hashable, CaseIterable {
    /// Start the jobs (a VM first, for a detached instance).
    case start
    /// Drain and stop the jobs; with `hard`, delete the VM too.
    case stop
    /// Stop, then start.
    case restart
    /// Stop, delete the VM, create a new one and start.
    case recreate
}

/// Options of an ``InstanceAction``.
public struct InstanceActionOptions: Sendable, Hashable {
    /// `--skip-drain`.
    public var skipDrain: Bool
    /// `--hard` (stop): delete the VM, leaving the instance detached.
    public var hard: Bool
    /// `--ignore-unresponsive-agent` (recreate): an agent that does not answer is not an error.
    public var ignoreUnresponsiveAgent: Bool

    /// Creates options.
    public init(skipDrain: Bool = false, hard: Bool = false, ignoreUnresponsiveAgent: Bool = false) {
        self.skipDrain = skipDrain
        self.hard = hard
        self.ignoreUnresponsiveAgent = ignoreUnresponsiveAgent
    }
}

extension LocalDirector {
    /// Runs `action` on one instance without converging the deployment (the director's update instance job):
    /// under the deployment's lock, the steps as that job names them (`Stopping instance`, `Deleting VM`,
    /// `Creating VM`, `Starting instance`) in the stage `Updating instance GROUP/UUID (INDEX)`; the desired state
    /// and events are recorded.
    /// - Parameter instance: the instance's uuid or index.
    /// - Returns: the task result, `GROUP/UUID`.
    /// - Throws: ``DirectorError``: an unknown instance, an ignored one (the director's words), an unresponsive
    ///   agent, a failing step.
    @discardableResult
    public func perform(
        _ action: InstanceAction, deployment name: String, group: String, instance: String,
        options: InstanceActionOptions = InstanceActionOptions(), output: TaskOutput
    ) async throws -> String {
        guard Int(instance) != nil || UUID(uuidString: instance) != nil else {
            throw DirectorError("Invalid instance index or id '\(instance)'")
        }
        return try await withDeploymentLock(name, task: output.taskID, description: "\(action.rawValue) instance") {
            guard let record = try await store.deployment(name), record.manifest != nil else {
                throw DirectorError("Deployment '\(name)' doesn't exist")
            }
            guard let target = record.instances.first(where: {
                $0.group == group && ($0.id == instance.lowercased() || "\($0.index)" == instance)
            }) else {
                throw DirectorError("Instance '\(group)/\(instance)' doesn't exist in deployment '\(name)'")
            }
            if target.isIgnored {
                throw DirectorError(
                    "You are trying to change the state of the ignored instance '\(target.name)'."
                        + "This operation is not allowed. You need to unignore it first.")
            }
            let parent: Int? = action == .restart || action == .recreate
                ? try await event(action.rawValue, target, deployment: name, task: output.taskID) : nil
            let stage = "Updating instance \(target.displayName)"
            var current = target
            if action != .start {
                current = try await stop(
                    current, deployment: name, hard: options.hard || action == .recreate, options: options, stage: stage,
                    parent: parent, output: output)
            }
            if action != .stop {
                current = try await start(current, deployment: name, stage: stage, parent: parent, output: output)
            }
            if let parent { try await event(action.rawValue, target, deployment: name, task: output.taskID, parent: parent) }
            return target.name
        }
    }

    private func stop(
        _ instance: InstanceRecord, deployment: String, hard: Bool, options: InstanceActionOptions, stage: String, parent: Int?,
        output: TaskOutput
    ) async throws -> InstanceRecord {
        var instance = instance
        let started = try await event("stop", instance, deployment: deployment, task: output.taskID, parent: parent)
        if let agent = instance.agentID, instance.vmCID != nil {
            try await output.track(stage, task: "Stopping instance") {
                guard await isResponsive(agent) else {
                    if options.ignoreUnresponsiveAgent { return }
                    throw DirectorError("Timed out sending 'get_state' to instance: '\(instance.name)', agent-id: '\(agent)'")
                }
                if !options.skipDrain { _ = try? await agents.drain(agent, type: .shutdown) }
                try await agents.stop(agent)
            }
        }
        if hard, let cid = instance.vmCID {
            try await output.track(stage, task: "Deleting VM") { try await deleteVM(cid) }
            instance.vmCID = nil
            instance.agentID = nil
        }
        instance.state = hard ? "detached" : "stopped"
        try await store.save(instance, deployment: deployment)
        try await event("stop", instance, deployment: deployment, task: output.taskID, parent: started)
        return instance
    }

    private func start(
        _ instance: InstanceRecord, deployment: String, stage: String, parent: Int?, output: TaskOutput
    ) async throws -> InstanceRecord {
        var instance = instance
        let started = try await event("start", instance, deployment: deployment, task: output.taskID, parent: parent)
        if instance.vmCID == nil {
            instance.state = "started"
            try await store.save(instance, deployment: deployment)
            try await output.track(stage, task: "Creating VM") {
                try await recreateLocked(deployment: deployment, instanceID: instance.id, skipDrain: true, output: output, tracked: false)
            }
            instance = try await store.deployment(deployment)?.instance(id: instance.id) ?? instance
        } else if let agent = instance.agentID {
            let isRunning = (try? await agents.getState(agent).jobState) == "running"
            if instance.state != "started" || !isRunning {
                try await output.track(stage, task: "Starting instance") {
                    try await agents.start(agent)
                    try await waitForJobs(agent, of: instance)
                }
            }
        }
        instance.state = "started"
        try await store.save(instance, deployment: deployment)
        try await event("start", instance, deployment: deployment, task: output.taskID, parent: started)
        return instance
    }

    @discardableResult
    private func event(_ action: String, _ instance: InstanceRecord, deployment: String, task: Int, parent: Int? = nil) async throws -> Int {
        try await store.record(
            EventRecord(
                action: action, objectType: "instance", objectName: instance.name, task: "\(task)", deployment: deployment,
                instance: instance.name, parentID: parent))
    }
}
