import AgentProtocol
import BoshDirectorStore
import CPIProtocol
import Foundation

/// A VM the director asks the CPI for: its agent, stemcell, networks and cloud properties.
struct VMRequest: Sendable {
    var agentID: String
    var stemcell: StemcellRecord
    var networks: [String: CPINetwork]
    var cloudProperties: [String: JSONValue]
    var group: String
    var metadata: [String: JSONValue]
    /// The deployment the VM belongs to.
    var deployment: String
    /// The instance it is for (`nil` for a compilation VM).
    var instanceID: String?
    /// `instance` or `compilation`.
    var purpose = "instance"
}

extension LocalDirector {
    /// Creates a VM, tags it, and waits until its agent answers `ping`.
    ///
    /// The VM is recorded (``VMRecord``) before `create_vm` is called and its cid as soon as the CPI answers, so
    /// a crash at any moment leaves a row from which the next deploy or delete finds and deletes it.
    func createVM(_ request: VMRequest) async throws -> String {
        var vm = VMRecord(
            agentID: request.agentID, deployment: request.deployment, instanceID: request.instanceID, purpose: request.purpose)
        try await store.save(vm)
        var mbus: [String: JSONValue] = [:]
        if let certificate = agentCertificate {
            mbus["cert"] = [
                "ca": .string(certificate.ca ?? ""), "certificate": .string(certificate.certificate ?? ""),
                "private_key": .string(certificate.privateKey ?? ""),
            ]
        }
        let env: [String: JSONValue] = ["bosh": ["mbus": .object(mbus), "group": .string(request.group)]]
        let created: CreateVMResult
        do {
            created = try await cpi.call(
                CreateVMArguments(
                    agentID: request.agentID, stemcellCID: request.stemcell.cid, cloudProperties: request.cloudProperties,
                    networks: request.networks, diskCIDs: [], env: env),
                stemcellAPIVersion: request.stemcell.apiVersion)
        } catch let error as CPIError {
            // The CPI answered: no VM was made.
            try? await store.removeVM(agentID: request.agentID)
            throw error
        }
        vm.cid = created.vmCID
        try await store.save(vm)
        do {
            var metadata = request.metadata
            metadata["director_uuid"] = .string(uuid)
            metadata["deployment"] = .string(request.deployment)
            if let id = request.instanceID { metadata["id"] = .string(id) }
            _ = try await cpi.call(SetVMMetadataArguments(vmCID: created.vmCID, metadata: metadata))
            try await waitForAgent(request.agentID, vmCID: created.vmCID)
        } catch {
            try? await deleteVM(created.vmCID)
            throw error
        }
        return created.vmCID
    }

    /// Deletes a VM and forgets it; a VM that is already gone counts as deleted.
    func deleteVM(_ cid: String) async throws {
        do {
            _ = try await cpi.call(DeleteVMArguments(cid: cid))
        } catch CPIError.vmNotFound {
            logger.debug("vm already gone", metadata: ["vm_cid": "\(cid)"])
        }
        try await store.removeVMs(cid: cid)
    }

    /// The cloud id of the VM whose agent is `agentID`, as the agent reports it (`nil` when it does not answer).
    func vmCID(ofAgent agentID: String) async -> String? {
        guard await isResponsive(agentID) else { return nil }
        return try? await agents.getState(agentID).vm?.name
    }

    /// Whether the agent answers `ping` within a few seconds.
    func isResponsive(_ agentID: String) async -> Bool {
        (try? await agents.ping(agentID, timeout: .seconds(3))) != nil
    }

    /// Pings the agent until it answers or ``DirectorConfiguration/agentReadyTimeout`` passes.
    func waitForAgent(_ agentID: String, vmCID: String) async throws {
        let deadline = ContinuousClock.now + configuration.agentReadyTimeout
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            do {
                _ = try await agents.ping(agentID, timeout: .seconds(1))
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let log = layout.cpiDirectory + "/vms/\(vmCID)/agent.log"
        throw DirectorError(
            "Timed out pinging VM '\(vmCID)' with agent '\(agentID)' after \(configuration.agentReadyTimeout) "
                + "(last error: \(lastError.map { "\($0)" } ?? "none")); see \(log)")
    }
}
