import BoshDirector
import Foundation

/// The columns and rows of `boshkit instances`, in bosh-cli's order: instance, process (`--ps`), process
/// state, AZ, IPs, then with `--details` state, VM CID, VM type, disk CIDs, agent ID, index, bootstrap and
/// ignore, and the local extra, the agent's PID (`agent_pid` in JSON).
struct InstanceTable {
    var details: Bool
    var processes: Bool
    /// The local CPI's state (`<state>/cpi`), where each VM's `vm.json` names its agent's process.
    var cpiDirectory: String

    var columns: [(String, String)] {
        var columns = [("instance", "Instance")]
        if processes { columns.append(("process", "Process")) }
        columns += [("process_state", "Process State"), ("az", "AZ"), ("ips", "IPs")]
        if details {
            columns += [
                ("state", "State"), ("vm_cid", "VM CID"), ("vm_type", "VM Type"), ("disk_cids", "Disk CIDs"),
                ("agent_id", "Agent ID"), ("index", "Index"), ("bootstrap", "Bootstrap"), ("ignore", "Ignore"),
                ("agent_pid", "Agent PID"),
            ]
        }
        return columns
    }

    /// The table: one row per instance, followed (with `--ps`) by one row per process, as bosh prints them:
    /// in JSON a process row repeats its instance's name and other cells are empty; in text its instance is
    /// `~`, and an empty cell is `-` in every row.
    func table(_ instances: [InstanceStatus], deployment: String, json: Bool) -> BoshTable {
        let keys = columns.map(\.0)
        func row(_ values: [String: String]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: keys.map { key in
                let value = values[key] ?? ""
                return (key, value.isEmpty && !json ? "-" : value)
            })
        }
        var rows: [[String: String]] = []
        for instance in instances {
            var values = ["instance": instance.instance, "process_state": instance.processState, "az": instance.az, "ips": instance.ips]
            if details {
                values["state"] = instance.state
                values["vm_cid"] = instance.vmCID
                values["vm_type"] = instance.vmType ?? ""
                values["disk_cids"] = instance.diskCIDs.joined(separator: "\n")
                values["agent_id"] = instance.agentID ?? ""
                values["index"] = String(instance.index)
                values["bootstrap"] = String(instance.bootstrap)
                values["ignore"] = String(instance.isIgnored)
                values["agent_pid"] = agentPID(vm: instance.vmCID).map(String.init) ?? "-"
            }
            rows.append(row(values))
            guard processes else { continue }
            for process in instance.processes.sorted(by: { $0.name < $1.name }) {
                rows.append(row(["instance": json ? instance.instance : "~", "process": process.name, "process_state": process.state]))
            }
        }
        return BoshTable(content: "instances", columns: columns, rows: rows, title: "Deployment '\(deployment)'")
    }

    /// The agent's process id the local CPI recorded in `vms/<cid>/vm.json`, if that process still runs.
    func agentPID(vm: String) -> Int32? {
        guard vm != "-", !vm.contains("/"),
            let data = FileManager.default.contents(atPath: "\(cpiDirectory)/vms/\(vm)/vm.json"),
            let record = try? JSONDecoder().decode(VMRecord.self, from: data), let pid = record.agent?.pid,
            kill(pid, 0) == 0 || errno == EPERM
        else { return nil }
        return pid
    }

    /// The part of the local CPI's `vm.json` read here.
    private struct VMRecord: Decodable {
        struct Agent: Decodable { var pid: Int32 }
        var agent: Agent?
    }
}
