import AgentProtocol
import CPIProtocol
import Foundation
import ReleaseSpec
import Scheduler

/// Creates, updates, recreates, restarts and deletes one instance, as the director's instance updater does:
/// drain and stop, a new VM when needed, render and apply, start. Every step is saved in the journal.
struct InstanceUpdater: Sendable {
    let director: LocalDirector
    let context: DeployContext
    let journal: DeploymentJournal

    func run(_ update: InstanceUpdate) async throws {
        let target = update.target
        let id = target.id ?? context.ids["\(target.group)/\(target.index)"] ?? UUID().uuidString.lowercased()
        let action: InstanceChange.Action = update.kind == .delete ? .delete : target.change.action
        if journal.record.instance(id: id)?.isIgnored == true {
            // `bosh ignore`: the director leaves it as it is.
            director.logger.info("instance is ignored, not updated", metadata: ["instance": "\(target.group)/\(id)"])
            return
        }
        try await run(group: target.group, index: target.index, id: id, action: action)
    }

    /// Brings instance `group/index` with `id` to its planned state by `action`; `skipDrain` skips draining
    /// and stopping (an agent known to be unresponsive).
    func run(
        group groupName: String, index: Int, id: String, action: InstanceChange.Action, skipDrain: Bool = false
    ) async throws {
        if action == .delete {
            try await delete(id: id)
            return
        }
        guard let planned = context.planned(group: groupName, index: index), let group = context.group(groupName) else {
            throw DirectorError("Instance '\(groupName)/\(index)' is not in the plan")
        }
        var record = journal.record.instance(id: id) ?? InstanceRecord(
            group: groupName, index: index, id: id, az: planned.az, bootstrap: planned.bootstrap,
            addresses: [:])
        record.az = planned.az
        record.bootstrap = planned.bootstrap
        record.addresses = Dictionary(
            planned.addresses.compactMap { a in a.ip.map { (a.network, $0.description) } }, uniquingKeysWith: { a, _ in a })
        record.isPending = true
        try await save(record)

        if record.state == "detached" {
            // `bosh stop --hard` stays in force: no VM; the new spec is what `bosh start` brings up.
            if let cid = record.vmCID { try await director.deleteVM(cid) }
            record.vmCID = nil
            record.agentID = nil
            record.spec = planned.spec
            record.isPending = false
            try await save(record)
            return
        }
        if let agentID = record.agentID, record.vmCID != nil, action != .create, !skipDrain {
            await quiesce(agentID)
        }
        if action == .recreate || action == .create, let cid = record.vmCID {
            try await director.deleteVM(cid)
            record.vmCID = nil
            record.agentID = nil
            try await save(record)
        }
        if record.vmCID == nil, let orphan = record.agentID {
            // A deploy died between create_vm and saving its cid: find the VM through its agent and delete it.
            if let cid = await director.vmCID(ofAgent: orphan) { try await director.deleteVM(cid) }
            record.agentID = nil
            try await save(record)
        }
        if record.vmCID == nil {
            guard let stemcell = group.stemcell.flatMap({ context.stemcells[$0] }) ?? context.stemcells.values.first else {
                throw DirectorError("Instance group '\(group.name)' has no uploaded stemcell")
            }
            let agentID = UUID().uuidString.lowercased()
            record.agentID = agentID  // saved before create_vm, so a crash leaves a way to find the VM
            try await save(record)
            let request = VMRequest(
                agentID: agentID, stemcell: stemcell, networks: try context.cpiNetworks(planned.addresses),
                cloudProperties: try context.vmCloudProperties(group), group: "\(context.deployment)-\(group.name)",
                metadata: [
                    "director": .string("boshkit"), "deployment": .string(context.deployment),
                    "instance_group": .string(group.name), "index": .string("\(index)"), "id": .string(id),
                    "name": .string("\(group.name)/\(id)"),
                ], deployment: context.deployment, instanceID: id)
            record.vmCID = try await director.createVM(request)
            record.agentID = agentID
            try await save(record)
        }
        guard let agentID = record.agentID else { throw DirectorError("Instance '\(record.name)' has no agent") }
        let applied = try await ApplySpecBuilder(director: director, context: context).spec(for: planned, id: id)
        try await director.agents.apply(agentID, spec: applied.spec)
        // `bosh stop` stays in force: the new spec is applied, the jobs stay stopped.
        if record.state != "stopped" { try await director.agents.start(agentID) }
        record.spec = planned.spec
        record.configurationHash = applied.spec.configurationHash
        try await save(record)  // still pending: done once its jobs report running
    }

    /// Whether the instance's jobs report `running` (the update stage's watch check).
    func isRunning(_ update: InstanceUpdate) async throws -> Bool {
        guard let id = update.target.id ?? context.ids["\(update.target.group)/\(update.target.index)"],
            let instance = journal.record.instance(id: id)
        else { return false }
        if instance.isIgnored || instance.state == "detached" { return true }
        guard let agentID = instance.agentID else { return false }
        let wanted = instance.state == "stopped" ? "stopped" : "running"
        guard try await director.agents.getState(agentID).jobState == wanted else { return false }
        try await journal.update { record in
            if var instance = record.instance(id: id) {
                instance.isPending = false
                record.upsert(instance)
            }
        }
        return true
    }

    /// Polls the instance's agent until its jobs run (outside an update plan: resurrection).
    func waitUntilRunning(_ instance: InstanceRecord, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let agentID = journal.record.instance(id: instance.id)?.agentID,
                (try? await director.agents.getState(agentID).jobState) == "running"
            {
                try await journal.update { record in
                    if var current = record.instance(id: instance.id) {
                        current.isPending = false
                        record.upsert(current)
                    }
                }
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw DirectorError("'\(instance.displayName)' is not running after update. Review logs for failed jobs")
    }

    /// Drains and stops the instance's jobs and deletes its VM.
    func delete(id: String) async throws {
        guard let record = journal.record.instance(id: id) else { return }
        if let agentID = record.agentID { await quiesce(agentID) }
        if let cid = record.vmCID { try await director.deleteVM(cid) }
        try await journal.update { $0.remove(id: id) }
    }

    /// Drain then stop; an unresponsive agent is skipped (its VM is replaced or deleted, as the director's
    /// resurrector skips draining agents that do not answer).
    private func quiesce(_ agentID: String) async {
        guard await director.isResponsive(agentID) else { return }
        _ = try? await director.agents.drain(agentID, type: .update)
        _ = try? await director.agents.stop(agentID)
    }

    private func save(_ record: InstanceRecord) async throws {
        try await journal.update { $0.upsert(record) }
    }
}
