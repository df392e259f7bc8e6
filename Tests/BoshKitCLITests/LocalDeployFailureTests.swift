import Foundation
import Testing

#if canImport(Glibc)
import Glibc
import BoshKitTestSupport
#endif

/// The demo's bad input: each failure gives a clear error, keeps the state consistent and leaves no process.
@Suite(.serialized) struct LocalDeployFailureTests {
    private let cloud = ["--cloud-config", "Examples/hello/cloud-config.yml"]
    private let one = "Tests/BoshKitCLITests/Fixtures/hello/one-instance.yml"

    /// A copy of the example release with `change` applied to it.
    private func release(_ change: (String) throws -> Void) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hello-release-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.copyItem(
            atPath: BoshKitProcess.repositoryRoot.appendingPathComponent("Examples/hello/release").path, toPath: copy)
        try change(copy)
        return copy
    }

    /// Deletes the deployment (which also stops the local nats-server) and checks that no process is left.
    private func cleanUp(_ local: LocalDeployment, _ paths: [String] = []) {
        _ = try? local.boshkit(["delete-deployment", "-d", "hello", "-n", "--force"])
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
        local.killLeftovers()
        try? FileManager.default.removeItem(atPath: local.state)
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func unreachableNATSIsAClearError() async throws { try await offCooperativePool { try self.unreachableNATSIsAClearErrorBlocking() } }

    private func unreachableNATSIsAClearErrorBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let result = try local.boshkit(
            ["deploy", one] + cloud + ["--release", "Examples/hello/release", "-n", "--nats", "nats://127.0.0.1:1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot connect to NATS at nats://127.0.0.1:1"), "\(result.stderr)")
        #expect(local.leftoverProcesses().isEmpty, "\(local.leftoverProcesses())")
    }

    /// Answering no at `Continue? [yN]`: nothing is deployed, the task ends cancelled (as bosh's), `Stopped`.
    @Test func answeringNoCancelsTheTask() async throws { try await offCooperativePool { try self.answeringNoBlocking() } }

    private func answeringNoBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let result = try BoshKitProcess.runBlocking(
            ["deploy", one] + cloud + ["--release", "Examples/hello/release", "--state", local.state], stdin: Data("n\n".utf8))
        #expect(result.status == 1)
        #expect(result.stdout.contains("Continue? [yN]: ") && result.stdout.contains("Task 1 cancelled"), "\(result.stdout)")
        #expect(!result.stdout.contains("Task 1 done"))
        #expect(result.stderr == "Stopped\n")
        #expect(try local.tasks(type: "update_deployment").map(\.state) == ["cancelled"])
        // No deployment recorded at all: the releases bound before the question are unbound with the new row.
        #expect(throws: (any Error).self) { try local.record("hello") }
        #expect(try local.locks().isEmpty)
    }

    /// A manifest without instances (here a misspelt `instance_groups`) deletes every instance; the
    /// confirmation says so, and `-n` still proceeds, as bosh does.
    @Test func aDeployDeletingEveryInstanceSaysSo() async throws { try await offCooperativePool { try self.aDeployDeletingEveryInstanceSaysSoBlocking() } }

    private func aDeployDeletingEveryInstanceSaysSoBlocking() throws {
        let local = LocalDeployment()
        let typo = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-typo-\(UUID().uuidString.prefix(8)).yml").path
        defer { cleanUp(local, [typo]) }
        let text = try String(contentsOfFile: BoshKitProcess.repositoryRoot.appendingPathComponent(one).path, encoding: .utf8)
        try text.replacingOccurrences(of: "\ninstance_groups:", with: "\ninstance_group:").write(toFile: typo, atomically: true, encoding: .utf8)
        let first = try local.boshkit(["deploy", one] + cloud + ["--release", "Examples/hello/release", "-n"])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        let emptied = try local.boshkit(["deploy", typo] + cloud + ["-n"])
        #expect(emptied.status == 0, "\(emptied.stdout)\n\(emptied.stderr)")
        #expect(emptied.stderr.contains("warning: /instance_group: unknown key 'instance_group': did you mean 'instance_groups'?"), "\(emptied.stderr)")
        #expect(emptied.stdout.contains("Warning: this deploy deletes every instance of deployment 'hello' (1 now)"), "\(emptied.stdout)")
        #expect(try local.instances("hello").isEmpty)
    }

    @Test func failingPackagingScriptNamesThePackageAndLeavesNoVM() async throws { try await offCooperativePool { try self.failingPackagingScriptNamesThePackageAndLeavesNoVMBlocking() } }

    private func failingPackagingScriptNamesThePackageAndLeavesNoVMBlocking() throws {
        let local = LocalDeployment()
        let broken = try release { root in
            try "echo compiling hello-lib\necho broken >&2\nexit 3\n".write(
                toFile: root + "/packages/hello-lib/packaging", atomically: true, encoding: .utf8)
        }
        defer { cleanUp(local, [broken]) }
        let result = try local.boshkit(["deploy", one] + cloud + ["--release", broken, "-n"])
        #expect(result.status != 0)
        let text = result.stdout + result.stderr
        #expect(text.contains("hello-lib"), "\(text)")
        #expect(text.contains("exit status 3"), "\(text)")
        #expect(text.contains("Task 1 error"), "\(text)")
        #expect(try local.instances("hello").allSatisfy { $0.vm == nil })
        // The failed deploy keeps its release and stemcell bound (a deletion is refused as in use), as the
        // director's assembler binds them before compiling.
        let record = try local.record("hello")
        #expect(record.manifest == nil && record.releases.count == 1 && record.releases[0].hasPrefix("hello/"), "\(record.releases)")
        #expect(record.stemcells.count == 1, "\(record.stemcells)")
        let vms = (try? FileManager.default.contentsOfDirectory(atPath: local.state + "/cpi/vms")) ?? []
        #expect(vms.filter { !$0.hasPrefix(".") }.isEmpty, "\(vms)")
    }

    @Test func jobThatExitsAtOnceFailsTheCanaryAndIsRetriedByTheNextDeploy() async throws { try await offCooperativePool { try self.jobThatExitsAtOnceFailsTheCanaryAndIsRetriedByTheNextDeployBlocking() } }

    private func jobThatExitsAtOnceFailsTheCanaryAndIsRetriedByTheNextDeployBlocking() throws {
        let local = LocalDeployment()
        let broken = try release { root in
            let server = root + "/src/hello-server/server.rb"
            let text = try String(contentsOfFile: server, encoding: .utf8)
            try ("exit 1\n" + text).write(toFile: server, atomically: true, encoding: .utf8)
        }
        defer { cleanUp(local, [broken]) }
        let result = try local.boshkit(["deploy", one] + cloud + ["--release", broken, "-n"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("is not running after update"), "\(result.stdout)\n\(result.stderr)")
        // The failure is in the task log; stderr ends with bosh's summary (after the director's error log line).
        #expect(result.stderr.hasSuffix("Expected task '1' to succeed but state is 'error'\n"), "\(result.stderr)")
        #expect(result.stdout.contains("(canary)"))
        // Nothing counts as deployed: the same manifest is tried again (and fails again) rather than skipped.
        let again = try local.boshkit(["deploy", one] + cloud + ["--release", broken, "-n"])
        #expect(again.status != 0)
        #expect(again.stdout.contains("Updating instance web"), "\(again.stdout)")
        // Both tasks ended in error, their event output ending with the failed canary and the task's error line.
        let tasks = try local.tasks(type: "update_deployment")
        #expect(tasks.count == 2 && tasks.allSatisfy { $0.state == "error" }, "\(tasks.map(\.state))")
        let last = tasks.first?.events.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("\"error\":{\"code\":100") && last.contains("is not running after update"), "\(last)")
        #expect(tasks.first?.events.contains("\"state\":\"failed\"") == true)
    }

    @Test func cpiErrorIsReportedAndTheStateRecovers() async throws { try await offCooperativePool { try self.cpiErrorIsReportedAndTheStateRecoversBlocking() } }

    private func cpiErrorIsReportedAndTheStateRecoversBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let first = try local.boshkit(["deploy", one] + cloud + ["--release", "Examples/hello/release", "-n"])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        // The CPI loses its stemcell: create_vm fails.
        let stemcells = local.state + "/cpi/stemcells"
        for file in try FileManager.default.contentsOfDirectory(atPath: stemcells) {
            try FileManager.default.removeItem(atPath: stemcells + "/" + file)
        }
        let failed = try local.boshkit(["deploy", one] + cloud + ["-n", "--recreate"])
        #expect(failed.status != 0)
        #expect(failed.stdout.contains("not found"), "\(failed.stdout)")
        #expect(try local.instances("hello").count == 1)
        let deleted = try local.boshkit(["delete-deployment", "-d", "hello", "-n"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
    }

    @Test func secondConcurrentDeployIsRefusedWithTheLock() async throws { try await offCooperativePool { try self.secondConcurrentDeployIsRefusedWithTheLockBlocking() } }

    private func secondConcurrentDeployIsRefusedWithTheLockBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let first = Process()
        first.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        first.arguments = ["deploy", one] + cloud + ["--release", "Examples/hello/release", "-n", "--state", local.state]
        first.currentDirectoryURL = BoshKitProcess.repositoryRoot
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { first.waitUntilExit() }
        #expect(LocalDeployment.eventually(60) { ((try? local.locks()) ?? []).contains("lock:deployment:hello") })
        let second = try local.boshkit(["deploy", one] + cloud + ["-n"])
        #expect(second.status != 0)
        // The refusal is printed once, in the task log; stderr says the task failed, as bosh does.
        let refusals = second.stdout.components(separatedBy: "Failed to acquire lock for lock:deployment:hello").count - 1
        #expect(refusals == 1, "\(second.stdout)")
        #expect(!second.stderr.contains("Failed to acquire lock"), "\(second.stderr)")
        #expect(second.stderr.range(of: #"^Expected task '\d+' to succeed but state is 'error'\n$"#, options: .regularExpression) != nil, "\(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
    }

    @Test func deployKilledHalfWayIsRecoveredByTheNextDeploy() async throws {
        try await offCooperativePool { try self.deployKilledHalfWayIsRecoveredByTheNextDeployBlocking() }
    }

    private func deployKilledHalfWayIsRecoveredByTheNextDeployBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let example = ["Examples/hello/manifest.yml"] + cloud + ["--release", "Examples/hello/release", "-n"]
        let first = Process()
        first.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        first.arguments = ["deploy"] + example + ["--state", local.state]
        first.currentDirectoryURL = BoshKitProcess.repositoryRoot
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Kill the deploy once the first instance has a VM (the others have none yet).
        let started = LocalDeployment.eventually(90) {
            ((try? local.instances("hello")) ?? []).contains { $0.vm != nil }
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(started)
        let second = try local.boshkit(["deploy"] + example)
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let instances = try local.instances("hello")
        #expect(instances.count == 4)
        #expect(instances.allSatisfy { $0.vm != nil })
        // Every VM the CPI has belongs to a recorded instance: nothing was orphaned by the kill.
        let vms = Set(((try? FileManager.default.contentsOfDirectory(atPath: local.state + "/cpi/vms")) ?? []).filter { $0.hasPrefix("vm-") })
        #expect(vms == Set(instances.compactMap(\.vm)), "\(vms)")
        #expect(try local.record("hello").instances.allSatisfy { !$0.isPending })
    }

    // The director's state in its database under crashes and concurrency.

    /// The local CPI's VMs (directories `vm-*`).
    private func cpiVMs(_ local: LocalDeployment) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: local.state + "/cpi/vms")) ?? []).filter { $0.hasPrefix("vm-") })
    }

    /// Starts `boshkit ARGUMENTS` in the background.
    private func startBoshKit(_ arguments: [String], _ local: LocalDeployment) throws -> Process {
        let process = Process()
        process.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
        process.arguments = arguments + ["--state", local.state]
        process.currentDirectoryURL = BoshKitProcess.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedTenTimesAtRandomTheNextDeployConvergesWithNoOrphan() async throws {
        try await offCooperativePool { try self.killLoopBlocking() }
    }

    private func killLoopBlocking() throws {
        let local = LocalDeployment()
        defer { cleanUp(local) }
        let deploy = ["deploy", "Tests/BoshKitCLITests/Fixtures/hello/crash-loop.yml"] + cloud + ["--release", "Examples/hello/release", "-n"]
        var points: [Int] = []
        for _ in 0..<10 {
            let delay = Int.random(in: 200...7000)
            points.append(delay)
            let process = try startBoshKit(deploy, local)
            usleep(UInt32(delay) * 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = try local.boshkit(deploy)
        #expect(final.status == 0, "kill points \(points) ms\n\(final.stdout)\n\(final.stderr)")
        let instances = try local.instances("hello")
        #expect(instances.count == 4, "kill points \(points) ms")
        #expect(instances.allSatisfy { $0.vm != nil })
        // The local CPI has exactly the instances' VMs: every VM a kill interrupted was found and deleted.
        #expect(cpiVMs(local) == Set(instances.compactMap(\.vm)), "kill points \(points) ms: \(cpiVMs(local))")
        #expect(try local.record("hello").instances.allSatisfy { !$0.isPending })
        let deleted = try local.boshkit(["delete-deployment", "-d", "hello", "-n"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(cpiVMs(local).isEmpty)
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
    }

    @Test func twoProcessesDeployTwoDeploymentsAtOnce() async throws {
        try await offCooperativePool { try self.twoDeploymentsBlocking() }
    }

    private func twoDeploymentsBlocking() throws {
        let local = LocalDeployment()
        defer {
            _ = try? local.boshkit(["delete-deployment", "-d", "second", "-n", "--force"])
            cleanUp(local)
        }
        // Upload and compile once, so both deploys below run their instance updates at the same time.
        let first = try local.boshkit(
            ["deploy", "Tests/BoshKitCLITests/Fixtures/hello/one-instance.yml"] + cloud + ["--release", "Examples/hello/release", "-n"])
        #expect(first.status == 0, "\(first.stderr)")
        _ = try local.boshkit(["delete-deployment", "-d", "hello", "-n"])
        let a = try startBoshKit(["deploy", "Tests/BoshKitCLITests/Fixtures/hello/one-instance.yml"] + cloud + ["-n"], local)
        let b = try startBoshKit(["deploy", "Tests/BoshKitCLITests/Fixtures/hello/second-deployment.yml"] + cloud + ["-n"], local)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0)
        #expect(b.terminationStatus == 0)
        let listed = try local.boshkit(["deployments", "--json"])
        #expect(listed.stdout.contains("\"name\": \"hello\"") && listed.stdout.contains("\"name\": \"second\""), "\(listed.stdout)")
        #expect(try local.instances("hello").count == 1)
        #expect(try local.instances("second").count == 1)
        // One network, two deployments deployed at once: never the same address twice.
        let addresses = try local.instances("hello").compactMap(\.ip) + local.instances("second").compactMap(\.ip)
        #expect(addresses.count == 2 && Set(addresses).count == 2, "\(addresses)")
        #expect(cpiVMs(local).count == 2)
        // Each deploy is a task whose event output (bosh's JSON lines) is in the database.
        let deploys = try local.tasks(type: "update_deployment")
        #expect(deploys.count == 3 && deploys.allSatisfy { $0.state == "done" }, "\(deploys.map(\.state))")
        for deploy in deploys {
            let lines = deploy.events.split(separator: "\n")
            #expect(deploy.events.hasSuffix("\n"))
            #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
            #expect(lines.contains { $0.contains("\"stage\":\"Updating instance\"") && $0.contains("\"state\":\"finished\"") })
        }
    }
}
