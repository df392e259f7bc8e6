import BoshProcess
@testable import CPIProtocol
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The client runs the real `boshkit local-cpi` executable through the VM and disk life cycle.
@Suite struct LocalCPITests {
    func client(stateDirectory: URL, agentCommand: String? = nil) throws -> CPIClient {
        var arguments = ["local-cpi", "--state-dir", stateDirectory.path, "--mbus", "nats://10.0.0.6:4222"]
        if let agentCommand { arguments += ["--agent-command", agentCommand] }
        let configuration = CPIClient.Configuration(
            executablePath: try BoshKitExecutable.path(), arguments: arguments, timeout: .seconds(60),
            directorUUID: "director-uuid-1"
        )
        return CPIClient(configuration: configuration, logger: Logger(label: "local-cpi-test"))
    }

    func agentPID(_ state: URL, _ vmCID: String) throws -> Int32? {
        let record = try parseJSON(Data(contentsOf: state.appendingPathComponent("vms/\(vmCID)/vm.json")))
        return record["agent"]?["pid"]?.intValue.map(Int32.init)
    }

    func waitUntil(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<300 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func vmAndDiskLifecycle() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state")
            let image = directory.appendingPathComponent("image")
            try Data("stemcell image".utf8).write(to: image)
            let cpi = try client(
                stateDirectory: state, agentCommand: #"echo "$BOSHKIT_AGENT_ID" > agent.started; exec sleep 60"#
            )
            #expect(try await cpi.negotiateAPIVersion() == 3)
            #expect(await cpi.info?.stemcellFormats == ["local", "dummy"])

            let stemcell = try await cpi.call(
                CreateStemcellArguments(imagePath: image.path, cloudProperties: ["name": "local"], env: ["tags": ["a": "b"]])
            )
            // The cid carries the image's SHA-256 (`printf 'stemcell image' | sha256sum`).
            #expect(stemcell == "stemcell-" + "a227b99e4dc1bf151173")

            let networks = ["default": CPINetwork(type: "manual", ip: "10.0.0.10", netmask: "255.255.255.0", gateway: "10.0.0.1")]
            let vm = try await cpi.call(
                CreateVMArguments(
                    agentID: "agent-1", stemcellCID: stemcell, cloudProperties: ["cpu": 1], networks: networks,
                    env: ["bosh": ["group": "g"]]
                ),
                stemcellAPIVersion: 2
            )
            #expect(vm.networks == networks)
            let vmDirectory = state.appendingPathComponent("vms/\(vm.vmCID)")
            let settings = try parseJSON(Data(contentsOf: vmDirectory.appendingPathComponent("settings.json")))
            #expect(settings["agent_id"] == "agent-1")
            #expect(settings["mbus"] == "nats://10.0.0.6:4222")
            #expect(settings["vm"] == ["name": .string(vm.vmCID)])
            #expect(settings["networks"]?["default"]?["ip"] == "10.0.0.10")
            #expect(settings["env"] == ["bosh": ["group": "g"]])

            // The agent runs as a real process, outliving the CPI process that started it.
            let pid = try #require(try agentPID(state, vm.vmCID))
            #expect(try await waitUntil {
                (try? String(contentsOf: vmDirectory.appendingPathComponent("agent.started"), encoding: .utf8)) == "agent-1\n"
            })
            #expect(LocalAgentProcess(pid: pid, startTime: nil).isRunning)
            #expect(try await cpi.call(HasVMArguments(cid: vm.vmCID)))

            let disk = try await cpi.call(CreateDiskArguments(size: 1024, cloudProperties: [:], vmCID: vm.vmCID))
            #expect(try await cpi.call(HasDiskArguments(cid: disk)))
            let hint = try #require(try await cpi.call(AttachDiskArguments(vmCID: vm.vmCID, diskCID: disk)))
            guard case .properties(let members) = hint, let path = members["path"]?.stringValue else {
                Issue.record("unexpected hint \(hint)")
                return
            }
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await cpi.call(GetDisksArguments(cid: vm.vmCID)) == [disk])
            let attached = try parseJSON(Data(contentsOf: vmDirectory.appendingPathComponent("settings.json")))
            #expect(attached["disks"]?["persistent"]?[disk] == hint.json)

            // reboot_vm restarts the agent process.
            try await cpi.call(RebootVMArguments(cid: vm.vmCID))
            let rebooted = try #require(try agentPID(state, vm.vmCID))
            #expect(rebooted != pid)
            #expect(LocalAgentProcess(pid: rebooted, startTime: nil).isRunning)
            #expect(try await waitUntil { !LocalAgentProcess(pid: pid, startTime: nil).isRunning })

            try await cpi.call(SetVMMetadataArguments(vmCID: vm.vmCID, metadata: ["deployment": "demo"]))
            try await cpi.call(SetDiskMetadataArguments(diskCID: disk, metadata: ["instance_index": "0"]))
            let snapshot = try await cpi.call(SnapshotDiskArguments(diskCID: disk))
            try await cpi.call(DeleteSnapshotArguments(cid: snapshot))
            try await cpi.call(ResizeDiskArguments(diskCID: disk, newSize: 2048))
            await #expect(throws: CPIError.self) { try await cpi.call(ResizeDiskArguments(diskCID: disk, newSize: 10)) }
            #expect(try await cpi.call(UpdateDiskArguments(diskCID: disk, newSize: 4096, cloudProperties: ["type": "ssd"])) == nil)

            try await cpi.call(DetachDiskArguments(vmCID: vm.vmCID, diskCID: disk))
            #expect(try await cpi.call(GetDisksArguments(cid: vm.vmCID)) == [])
            await #expect(throws: CPIError.diskNotAttached(message: "Disk '\(disk)' is not attached to VM '\(vm.vmCID)'")) {
                try await cpi.call(DetachDiskArguments(vmCID: vm.vmCID, diskCID: disk))
            }

            // delete_vm succeeds with the disk still attached, stops the agent and frees the disk.
            _ = try await cpi.call(AttachDiskArguments(vmCID: vm.vmCID, diskCID: disk))
            await #expect(throws: CPIError.self) { try await cpi.call(DeleteDiskArguments(cid: disk)) }
            try await cpi.call(DeleteVMArguments(cid: vm.vmCID))
            #expect(try await waitUntil { !LocalAgentProcess(pid: rebooted, startTime: nil).isRunning })
            #expect(try await !cpi.call(HasVMArguments(cid: vm.vmCID)))
            await #expect(throws: CPIError.vmNotFound(message: "VM '\(vm.vmCID)' not found")) {
                try await cpi.call(GetDisksArguments(cid: vm.vmCID))
            }
            try await cpi.call(DeleteDiskArguments(cid: disk))
            #expect(try await !cpi.call(HasDiskArguments(cid: disk)))
            try await cpi.call(DeleteStemcellArguments(cid: stemcell))
            #expect(try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("vms").path).isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("disks").path).isEmpty)
        }
    }

    @Test func errorsAcrossProcesses() async throws {
        try await withTemporaryDirectory { directory in
            let cpi = try client(stateDirectory: directory.appendingPathComponent("state"))
            await #expect(throws: CPIError.vmCreationFailed(message: "Stemcell 'stemcell-nope' not found")) {
                try await cpi.call(CreateVMArguments(agentID: "a", stemcellCID: "stemcell-nope"))
            }
            await #expect(throws: CPIError.vmNotFound(message: "VM 'vm-nope' not found")) {
                try await cpi.call(AttachDiskArguments(vmCID: "vm-nope", diskCID: "disk-nope"))
            }
            await #expect(throws: CPIError.diskNotFound(message: "Disk 'disk-nope' not found")) {
                try await cpi.call(HasDiskArguments(cid: "disk-nope")) ? () : try await cpi.call(DeleteDiskArguments(cid: "disk-nope"))
            }
            #expect(try await cpi.call(CalculateVMCloudPropertiesArguments(resources: VMResources(cpu: 2, ram: 1024, ephemeralDiskSize: 4096)))
                == ["cpu": 2, "ram": 1024, "ephemeral_disk_size": 4096])
        }
    }

    /// Raw bytes through the real process: the response names the problem and no state is written.
    func rawExchange(_ state: URL, _ input: Data) async throws -> CPIResponse {
        let spec = ChildProcess.Spec(
            executable: try BoshKitExecutable.path(), arguments: ["local-cpi", "--state-dir", state.path],
            environment: CPIClient.Configuration.directorEnvironment(), input: input, timeout: .seconds(60)
        )
        let output = try await ChildProcess.run(spec)
        return try CPIResponse(json: parseJSON(output.standardOutput))
    }

    @Test func badInputLeavesNoState() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state")
            var big = Data(#"{"method":"create_disk","arguments":[1,{"pad":""#.utf8)
            big.append(Data(repeating: UInt8(ascii: "x"), count: 10 << 20))
            big.append(Data(#""},null]}"#.utf8))
            let oversized = try await rawExchange(state, big)
            #expect(oversized.error?.type == "Bosh::Clouds::CpiError")
            #expect(oversized.error?.message.contains("exceeds the limit") == true)

            let invalid = try await rawExchange(state, Data([0x7B, 0xFF, 0xFE, 0x7D]))
            #expect(invalid.error?.message == "Request is not valid UTF-8: invalid byte 0xFF at offset 1")

            let mistyped = try await rawExchange(state, Data(#"{"method":"create_disk","arguments":["big",{},null]}"#.utf8))
            #expect(mistyped.error?.message.contains("argument 1 (size) must be an integer") == true)

            let disks = state.appendingPathComponent("disks").path
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: disks)) ?? []).isEmpty)
        }
    }

    @Test func concurrentCallsDoNotLoseUpdates() async throws {
        try await withTemporaryDirectory { directory in
            let state = directory.appendingPathComponent("state")
            let image = directory.appendingPathComponent("image")
            try Data("img".utf8).write(to: image)
            let cpi = try client(stateDirectory: state)
            let stemcell = try await cpi.call(CreateStemcellArguments(imagePath: image.path, cloudProperties: [:]))
            let vm = try await cpi.call(CreateVMArguments(agentID: "a", stemcellCID: stemcell)).vmCID
            let disks = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let disk = try await cpi.call(CreateDiskArguments(size: 1))
                        _ = try await cpi.call(AttachDiskArguments(vmCID: vm, diskCID: disk))
                        return disk
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(try await cpi.call(GetDisksArguments(cid: vm))) == Set(disks))
        }
    }
}
