import AgentProtocol

extension LocalDirector {
    /// The recorded deployments.
    public func deployments() async throws -> [DeploymentSummary] {
        try await store.deployments().map { DeploymentSummary(name: $0.name, releases: $0.releases, stemcells: $0.stemcells) }
    }

    /// The instances of `deployment` with the process state their agents report (asked in parallel).
    /// - Throws: ``DirectorError`` when there is no such deployment.
    public func instances(of deployment: String) async throws -> [InstanceStatus] {
        guard let record = try await store.deployment(deployment) else {
            throw DirectorError("Deployment '\(deployment)' doesn't exist")
        }
        return await withTaskGroup(of: InstanceStatus.self) { group in
            for instance in record.instances {
                group.addTask { [agents] in
                    var state = "unresponsive agent"
                    var processes: [AgentProcess] = []
                    if let agentID = instance.agentID, instance.vmCID != nil {
                        if let reply = try? await agents.getState(agentID) {
                            state = reply.jobState
                            processes = reply.processes ?? []
                        }
                    } else {
                        state = "-"
                    }
                    return InstanceStatus(
                        instance: instance.name, processState: state, az: instance.az ?? "",
                        ips: instance.addresses.keys.sorted().compactMap { instance.addresses[$0] }.joined(separator: "\n"),
                        vmCID: instance.vmCID ?? "-", index: instance.index, processes: processes, state: instance.state,
                        agentID: instance.agentID, bootstrap: instance.bootstrap, isIgnored: instance.isIgnored,
                        diskCIDs: instance.diskCIDs, vmType: instance.spec?.vmType)
                }
            }
            var rows: [InstanceStatus] = []
            for await row in group { rows.append(row) }
            return rows.sorted { ($0.instance.split(separator: "/").first ?? "", $0.index) < ($1.instance.split(separator: "/").first ?? "", $1.index) }
        }
    }
}
