import BoshDirectorStore
import Foundation

extension LocalDirector {
    /// Deletes the VMs of `record`'s deployment that no instance owns — left by a deploy killed between
    /// `create_vm` and recording its cid, or during compilation — and clears the agent ids of instances
    /// whose VM creation was interrupted. Returns the record as it is afterwards.
    func reconcileVMs(_ record: DeploymentRecord) async throws -> DeploymentRecord {
        var record = record
        let owned = Set(record.instances.compactMap(\.vmCID))
        let deleted = try await deleteUnownedVMs(of: record.name, owned: owned, force: false)
        for var instance in record.instances where instance.vmCID == nil {
            guard let agent = instance.agentID, deleted.contains(agent) else { continue }
            instance.agentID = nil
            try await store.save(instance, deployment: record.name)
            record.upsert(instance)
        }
        return record
    }

    /// Deletes every recorded VM of `deployment` whose cid is not in `owned`; a VM whose cid was never recorded
    /// is found through its agent (waiting up to ``DirectorConfiguration/orphanAgentTimeout`` from its creation).
    /// - Returns: the agent ids of the VMs deleted or found never created.
    @discardableResult
    func deleteUnownedVMs(of deployment: String, owned: Set<String>, force: Bool) async throws -> Set<String> {
        var gone = Set<String>()
        for vm in try await store.vms(of: deployment) {
            if let cid = vm.cid, owned.contains(cid) { continue }
            var cid = vm.cid
            if cid == nil {
                let deadline = vm.createdAt.addingTimeInterval(Double(configuration.orphanAgentTimeout.components.seconds))
                repeat {
                    cid = await vmCID(ofAgent: vm.agentID)
                    if cid == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(250)) }
                } while cid == nil && Date() < deadline
            }
            logger.info(
                "deleting a VM no instance owns",
                metadata: ["deployment": "\(deployment)", "agent_id": "\(vm.agentID)", "vm_cid": "\(cid ?? "unknown")"])
            if let cid {
                do { try await deleteVM(cid) } catch where force {
                    logger.warning("deleting vm failed", metadata: ["vm_cid": "\(cid)", "error": "\(error)"])
                }
            } else {
                // Its agent never answered: create_vm made no VM (or one that never booted).
                logger.warning("forgetting a VM whose agent never answered", metadata: ["agent_id": "\(vm.agentID)"])
            }
            try await store.removeVM(agentID: vm.agentID)
            gone.insert(vm.agentID)
        }
        return gone
    }
}
