import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The director's state in its database under crashes and concurrency: kill -9 at random moments, two
/// deployments deployed at once by two processes.
@Suite(.serialized) struct LocalDeployCrashTests {
    private let cloud = ["--cloud-config", "Examples/hello/cloud-config.yml"]

    private func cleanUp(_ local: LocalDeployment, deployments: [String]) {
        for name in deployments { _ = try? local.boshkit(["delete-deployment", "-d", name, "-n", "--force"]) }
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
        local.killLeftovers()
        try? FileManager.default.removeItem(atPath: local.state)
    }

    /// The local CPI's VMs (directories `vm-*`).
    private func cpiVMs(_ local: LocalDeployment) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: local.state + "/cpi/vms")) ?? []).filter { $0.hasPrefix("vm-") })
    }

    /// Starts `boshkit ARGUMENTS` in the background.
    private func start(_ arguments: [String], _ local: LocalDeployment) throws -> Process {
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
        defer { cleanUp(local, deployments: ["hello"]) }
        let deploy = ["deploy", "Tests/BoshKitCLITests/Fixtures/hello/crash-loop.yml"] + cloud + ["--release", "Examples/hello/release", "-n"]
        var points: [Int] = []
        for _ in 0..<10 {
            let delay = Int.random(in: 200...7000)
            points.append(delay)
            let process = try start(deploy, local)
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
        defer { cleanUp(local, deployments: ["hello", "second"]) }
        // Upload and compile once, so both deploys below run their instance updates at the same time.
        let first = try local.boshkit(
            ["deploy", "Tests/BoshKitCLITests/Fixtures/hello/one-instance.yml"] + cloud + ["--release", "Examples/hello/release", "-n"])
        #expect(first.status == 0, "\(first.stderr)")
        _ = try local.boshkit(["delete-deployment", "-d", "hello", "-n"])
        let a = try start(["deploy", "Tests/BoshKitCLITests/Fixtures/hello/one-instance.yml"] + cloud + ["-n"], local)
        let b = try start(["deploy", "Tests/BoshKitCLITests/Fixtures/hello/second-deployment.yml"] + cloud + ["-n"], local)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0)
        #expect(b.terminationStatus == 0)
        let listed = try local.boshkit(["deployments", "--json"])
        #expect(listed.stdout.contains("\"name\": \"hello\"") && listed.stdout.contains("\"name\": \"second\""), "\(listed.stdout)")
        #expect(try local.instances("hello").count == 1)
        #expect(try local.instances("second").count == 1)
        #expect(cpiVMs(local).count == 2)
    }
}
