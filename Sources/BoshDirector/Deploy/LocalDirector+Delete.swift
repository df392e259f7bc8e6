import Foundation

extension LocalDirector {
    /// Deletes a deployment (`bosh delete-deployment`): drains and stops every instance, deletes its VM, and
    /// forgets the deployment. Releases, stemcells and compiled packages stay uploaded.
    /// - Parameter force: go on when an agent or the CPI fails (the VM is forgotten anyway).
    /// - Returns: `false` when there was no such deployment.
    @discardableResult
    public func deleteDeployment(_ name: String, force: Bool = false, output: TaskOutput) async throws -> Bool {
        try await withDeploymentLock(name, task: output.taskID, description: "delete deployment \(name)") {
            try await deleteLocked(name, force: force, output: output)
        }
    }

    private func deleteLocked(_ name: String, force: Bool, output: TaskOutput) async throws -> Bool {
        guard let record = try await store.deployment(name) else { return false }
        let started = try await store.record(
            EventRecord(action: "delete", objectType: "deployment", objectName: name, task: "\(output.taskID)", deployment: name))
        let journal = DeploymentJournal(record: record, store: store)
        for instance in record.instances {
            try await output.track("Deleting instances", task: instance.displayName) {
                if let agentID = instance.agentID, await isResponsive(agentID) {
                    _ = try? await agents.drain(agentID, type: .shutdown)
                    _ = try? await agents.stop(agentID)
                }
                if let cid = instance.vmCID {
                    do { try await deleteVM(cid) } catch where force {
                        logger.warning("deleting vm failed", metadata: ["vm_cid": "\(cid)", "error": "\(error)"])
                    }
                }
                try await journal.update { $0.remove(id: instance.id) }
            }
        }
        // VMs no instance owned any more (a crash between create_vm and recording it, compilation VMs).
        try await deleteUnownedVMs(of: name, owned: [], force: force)
        try await store.removeDeployment(name)
        try await store.record(
            EventRecord(
                action: "delete", objectType: "deployment", objectName: name, task: "\(output.taskID)", deployment: name,
                parentID: started))
        return true
    }
}

extension LocalDirector {
    /// Stops the local NATS server of `stateDirectory` when `store` has no deployment left (after ``close()``):
    /// with nothing deployed, the demo leaves no process running.
    /// - Returns: whether it stopped one.
    @discardableResult
    public static func stopLocalNATSIfIdle(stateDirectory: String, store: DirectorStore) async throws -> Bool {
        let layout = DirectorLayout(root: stateDirectory)
        guard try await store.deploymentNames().isEmpty else { return false }
        guard LocalNatsServer.runningPID(stateDirectory: layout.root) != nil else { return false }
        try await LocalNatsServer.stop(stateDirectory: layout.root)
        return true
    }
}
