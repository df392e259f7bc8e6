import AgentProtocol
import BoshDirector
import BoshDirectorStore
import Foundation

/// The result lines of `GET /deployments/NAME/instances|vms?format=full`: one JSON object per instance.
struct InstanceListing: Sendable {
    let director: LocalDirector

    struct Line: Encodable {
        var agent_id: String?
        var job_name: String
        var id: String
        var index: Int
        var bootstrap: Bool
        var az: String?
        var ips: [String]
        var vm_cid: String?
        var disk_cids: [String]
        var job_state: String
        var state: String
        var active: Bool?
        var vm_type: String
        var ignore = false
        var resurrection_paused = false
        var processes: [AgentProcess] = []
    }

    func lines(of deployment: String, vms: Bool) async throws -> String {
        guard let record = try await director.store.deployment(deployment) else {
            throw DirectorError("Deployment '\(deployment)' doesn't exist")
        }
        let statuses = Dictionary(
            try await director.instances(of: deployment).map { ($0.instance, $0) }, uniquingKeysWith: { a, _ in a })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        let paused = try await director.store.isResurrectionPaused()
        for instance in record.instances where !vms || instance.vmCID != nil {
            let line = Line(
                agent_id: instance.agentID, job_name: instance.group, id: instance.id, index: instance.index,
                bootstrap: instance.bootstrap, az: instance.az,
                ips: instance.addresses.keys.sorted().compactMap { instance.addresses[$0] }, vm_cid: instance.vmCID,
                disk_cids: instance.diskCIDs, job_state: statuses[instance.name]?.processState ?? "unresponsive agent", state: instance.state,
                active: instance.vmCID != nil, vm_type: "", ignore: instance.isIgnored, resurrection_paused: paused,
                processes: statuses[instance.name]?.processes ?? [])
            text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        }
        return text
    }
}
