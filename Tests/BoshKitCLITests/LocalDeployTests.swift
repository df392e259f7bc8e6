import Foundation
import Testing

#if canImport(Glibc)
import Glibc
import BoshKitTestSupport
#endif

/// The demo end to end, with the real parts: `boshkit deploy` of Examples/hello (2 groups × 2 instances) through
/// the local CPI executable, agents on a local mutual-TLS nats-server, then a property change, a resurrection
/// by the health monitor, and a delete that leaves nothing running.
@Suite(.serialized) struct LocalDeployTests {
    private let example = ["Examples/hello/manifest.yml", "--cloud-config", "Examples/hello/cloud-config.yml"]

    @Test func deployRedeployResurrectAndDelete() async throws { try await offCooperativePool { try self.deployRedeployResurrectAndDeleteBlocking() } }

    private func deployRedeployResurrectAndDeleteBlocking() throws {
        let local = LocalDeployment()
        defer {
            _ = try? local.boshkit(["delete-deployment", "-d", "hello", "-n", "--force"])
            local.killLeftovers()
            try? FileManager.default.removeItem(atPath: local.state)
        }

        // First deploy.
        let first = try local.boshkit(["deploy"] + example + ["--release", "Examples/hello/release", "-n"])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("Succeeded"))
        let instances = try local.instances("hello")
        #expect(instances.count == 4)
        #expect(Set(instances.map(\.group)) == ["web", "api"])

        let listed = try local.boshkit(["instances", "-d", "hello", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let table = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let rows = ((table?["Tables"] as? [[String: Any]])?.first?["Rows"] as? [[String: String]]) ?? []
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0["process_state"] == "running" }, "\(rows)")

        // --details: bosh's detail columns from the director's records, and the agent's pid (the local extra).
        let detailed = try local.boshkit(["instances", "-d", "hello", "--details", "--json"])
        #expect(detailed.status == 0, "\(detailed.stderr)")
        let detailTable = ((try JSONSerialization.jsonObject(with: Data(detailed.stdout.utf8)) as? [String: Any])?["Tables"] as? [[String: Any]])?.first
        #expect(
            (detailTable?["Header"] as? [String: String]).map { Set($0.keys) } == [
                "instance", "process_state", "az", "ips", "state", "vm_cid", "vm_type", "disk_cids", "agent_id", "index",
                "bootstrap", "ignore", "agent_pid",
            ])
        let detailRows = (detailTable?["Rows"] as? [[String: String]]) ?? []
        let records = try local.record("hello").instances
        #expect(detailRows.count == 4)
        for row in detailRows {
            let record = records.first { "\($0.group)/\($0.id)" == row["instance"] }
            #expect(record != nil, "\(row)")
            #expect(row["vm_cid"] == record?.vmCID && row["agent_id"] == record?.agentID, "\(row)")
            #expect(row["index"] == record.map { String($0.index) } && row["bootstrap"] == record.map { String($0.bootstrap) }, "\(row)")
            #expect(row["state"] == "started" && row["ignore"] == "false" && row["vm_type"] == "small", "\(row)")
            #expect(row["agent_pid"] == (try record?.vmCID.flatMap { try local.agentPID(vm: $0) }).map { String($0) }, "\(row)")
        }
        #expect(detailRows.filter { $0["bootstrap"] == "true" }.count == 2)

        // --ps: a row per process under each instance; the count is of instances, as bosh counts.
        let processes = try local.boshkit(["instances", "-d", "hello", "--ps"])
        #expect(processes.status == 0, "\(processes.stderr)")
        let lines = processes.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count > 1 && lines[1].hasPrefix("Instance") && lines[1].contains("  Process  "), "\(processes.stdout)")
        #expect(lines.filter { $0.hasPrefix("~ ") && $0.contains("hello-server") && $0.contains("running") }.count == 4, "\(processes.stdout)")
        #expect(processes.stdout.hasSuffix("\n4 instances\n"), "\(processes.stdout)")
        // In JSON (as bosh's): the instance row with an empty process, then its processes, each naming the instance.
        let processJSON = try local.boshkit(["instances", "-d", "hello", "--ps", "--json"])
        let processRows = ((((try JSONSerialization.jsonObject(with: Data(processJSON.stdout.utf8)) as? [String: Any])?["Tables"]
            as? [[String: Any]])?.first?["Rows"]) as? [[String: String]]) ?? []
        #expect(processRows.count == 8, "\(processJSON.stdout)")
        for pair in stride(from: 0, to: processRows.count - 1, by: 2) {
            #expect(processRows[pair]["process"] == "" && processRows[pair + 1]["process"] == "hello-server", "\(processRows)")
            #expect(processRows[pair + 1]["instance"] == processRows[pair]["instance"] && processRows[pair + 1]["az"] == "", "\(processRows)")
        }

        func answer(_ group: String, _ index: Int) -> String? {
            guard let ip = (try? local.instances("hello"))?.first(where: { $0.group == group && $0.index == index })?.ip
            else { return nil }
            return LocalDeployment.get(ip, group == "web" ? 8080 : 8180)
        }
        for group in ["web", "api"] {
            for index in 0..<2 {
                #expect(answer(group, index)?.contains("Hello from \(group)") == true, "\(group)/\(index)")
            }
        }

        // Change a property of api: only api updates, canary first.
        let second = try local.boshkit(
            ["deploy"] + example + ["-o", "Tests/BoshKitCLITests/Fixtures/hello/api-greeting.yml", "-n"])
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let updates = second.stdout.split(separator: "\n").filter { $0.contains("Updating instance") }
        #expect(updates.count == 2, "\(second.stdout)")
        #expect(updates.allSatisfy { $0.contains("Updating instance api") })
        #expect(updates.first?.contains("(canary)") == true)
        #expect(answer("api", 0)?.contains("Hello again from api") == true)
        #expect(answer("web", 1)?.contains("Hello from web") == true)

        // A no-op deploy changes nothing.
        let third = try local.boshkit(
            ["deploy"] + example + ["-o", "Tests/BoshKitCLITests/Fixtures/hello/api-greeting.yml", "-n"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!third.stdout.contains("Updating instance"), "\(third.stdout)")

        // Kill one agent: the health monitor resurrects its instance.
        let victim = try #require(try local.instances("hello").first { $0.group == "web" && $0.index == 0 })
        let oldVM = try #require(victim.vm)
        let pid = try #require(try local.agentPID(vm: oldVM))
        #expect(kill(pid, SIGKILL) == 0)
        let monitor = Process()
        monitor.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        monitor.arguments = ["hm", "--state", local.state, "--agent-timeout", "3"]
        monitor.currentDirectoryURL = BoshKitProcess.repositoryRoot
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-hm-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        monitor.standardOutput = handle
        monitor.standardError = handle
        try monitor.run()
        defer {
            if monitor.isRunning { monitor.terminate() }
            monitor.waitUntilExit()
            try? handle.close()
            try? FileManager.default.removeItem(at: log)
        }
        let resurrected = LocalDeployment.eventually(90) {
            guard let now = try? local.instances("hello").first(where: { $0.id == victim.id }) else { return false }
            return now.vm != nil && now.vm != oldVM && answer("web", 0)?.contains("Hello from web") == true
        }
        let hmOutput = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(resurrected, "\(hmOutput)")
        #expect(hmOutput.contains("unresponsive agent"), "\(hmOutput)")
        monitor.terminate()
        monitor.waitUntilExit()

        // A misspelt `instance_group:` would delete every instance: the unknown key is warned about and the
        // confirmation says so; answering no leaves the deployment as it is.
        let emptied = try BoshKitProcess.runBlocking(
            ["deploy", "Tests/BoshKitCLITests/Fixtures/manifest-errors/instance-group.yml"] + example.dropFirst() + ["--state", local.state],
            stdin: Data("n\n".utf8))
        #expect(emptied.status == 1)
        #expect(
            emptied.stderr == "Tests/BoshKitCLITests/Fixtures/manifest-errors/instance-group.yml:19:1: warning: /instance_group: "
                + "unknown key 'instance_group': did you mean 'instance_groups'?\nStopped\n")
        #expect(emptied.stdout.contains("Warning: this deploy deletes every instance of deployment 'hello' (4 now)"), "\(emptied.stdout)")
        #expect(try local.instances("hello").count == 4)

        // Delete: nothing is left running.
        let addresses = try local.instances("hello").compactMap { i in i.ip.map { ($0, UInt16(i.group == "web" ? 8080 : 8180)) } }
        #expect(addresses.count == 4)
        let deleted = try local.boshkit(["delete-deployment", "-d", "hello", "-n"])
        #expect(deleted.status == 0, "\(deleted.stdout)\n\(deleted.stderr)")
        #expect(try local.boshkit(["deployments", "--json"]).stdout.contains("\"Rows\": []"))
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
        for (ip, port) in addresses { #expect(LocalDeployment.get(ip, port, timeout: 1) == nil, "\(ip):\(port)") }
    }
}
