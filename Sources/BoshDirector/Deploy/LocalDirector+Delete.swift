import Foundation

extension LocalDirector {
    /// Deletes a deployment (`bosh delete-deployment`): drains and stops every instance, deletes its VM, and
    /// forgets the deployment. Releases, stemcells and compiled packages stay uploaded.
    /// - Parameter force: go on when an agent or the CPI fails (the VM is forgotten anyway).
    /// - Returns: `false` when there was no such deployment.
    @discardableResult
    public func deleteDeployment(_ name: String, force: Bool = false, output: TaskOutput) async throws -> Bool {
        let lock = try DeploymentLock.acquire(deployment: name, stateDirectory: layout.root, command: "delete-deployment")
        defer { lock.release() }
        guard let record = try store.deployment(name) else { return false }
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
        try store.removeDeployment(name)
        return true
    }
}

extension LocalDirector {
    /// Stops the local NATS server of `stateDirectory` when no deployment is left (after ``close()``):
    /// with nothing deployed, the demo leaves no process running.
    /// - Returns: whether it stopped one.
    @discardableResult
    public static func stopLocalNATSIfIdle(stateDirectory: String) async throws -> Bool {
        let layout = DirectorLayout(root: stateDirectory)
        guard try DirectorStore(layout: layout).deploymentNames().isEmpty else { return false }
        guard LocalNatsServer.runningPID(stateDirectory: layout.root) != nil else { return false }
        try await LocalNatsServer.stop(stateDirectory: layout.root)
        return true
    }
}
