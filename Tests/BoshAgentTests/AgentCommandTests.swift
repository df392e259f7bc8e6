import AgentProtocol
import Foundation
import NatsClient
import Testing

@testable import BoshAgent

#if canImport(Glibc)
import Glibc
#endif

/// The built `boshkit agent` executable as the local CPI runs it: started with a settings file, driven over NATS,
/// then sent SIGTERM, after which neither it nor any job process may be left.
@Suite(.serialized) struct AgentCommandTests {
    /// The `boshkit` executable next to the test bundle (`swift build` / `swift test` build it).
    static var executable: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("boshkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test func sigtermStopsTheJobsAndTheAgentExits() async throws {
        let executable = try #require(Self.executable, "build the boshkit executable first (swift build)")
        let pki = try await TestPKI.get()
        let server = try await TestNatsServer.start(pki: pki)
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appendingPathComponent("vm")
        let blobstore = directory.appendingPathComponent("blobstore")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: blobstore, withIntermediateDirectories: true)
        let agentID = "agent-cli-\(UUID().uuidString.lowercased())"
        let settings = root.appendingPathComponent("settings.json")
        try AgentHarness.writeSettings(agentID: agentID, mbus: server.url, blobstore: blobstore, pki: pki, to: settings.path)

        // Started as the local CPI does: root from BOSHKIT_VM_DIR, settings from BOSHKIT_AGENT_SETTINGS.
        let agent = Process()
        agent.executableURL = executable
        agent.arguments = ["agent", "--heartbeat-interval", "0.5", "--log-level", "warning"]
        var environment = ProcessInfo.processInfo.environment
        environment["BOSHKIT_VM_DIR"] = root.path
        environment["BOSHKIT_AGENT_SETTINGS"] = settings.path
        agent.environment = environment
        agent.standardOutput = FileHandle.nullDevice
        let log = directory.appendingPathComponent("agent.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        agent.standardError = try FileHandle(forWritingTo: log)
        try agent.run()
        defer {
            if agent.isRunning { kill(agent.processIdentifier, SIGKILL) }
            for pid in processes(withEnvironment: "BOSHKIT_VM_DIR=\(root.path)") { kill(pid, SIGKILL) }
        }

        var options = NatsClientOptions(servers: [server.url], connectTimeout: .seconds(10))  // TLS on a loaded CI machine
        options.tls = NatsTLSOptions(
            trustRoots: .pem(try pki.pem("ca.pem")), clientCertificate: .pem(try pki.pem("director.pem")),
            privateKey: .pem(try pki.pem("director.key")), serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal"))
        let nats = try await NatsClient.connect(options)
        let client = try await AgentClient.start(nats: nats, configuration: .init(maximumPollInterval: .milliseconds(100)))
        do {
            #expect(await eventually(timeout: .seconds(20)) { (try? await client.ping(agentID, timeout: .seconds(1))) == "pong" })
            let archive = try await Blobs.tgz([
                "hello/monit": (JobLifecycleTests.monit, 0o644), "hello/bin/ctl": (JobLifecycleTests.ctl, 0o644),
            ])
            let stored = try Blobs.store(archive, in: blobstore)
            try await client.apply(agentID, spec: JobLifecycleTests.spec(job: "hello", hash: "h1", archive: stored, packages: [:]))
            try await client.start(agentID)
            #expect(try await eventually { try await client.getState(agentID).jobState == "running" })
            let web = try #require(
                ProcessSupervisor.readPID(root.appendingPathComponent("var/vcap/sys/run/hello/web.pid").path))
            #expect(isAlive(web))

            kill(agent.processIdentifier, SIGTERM)
            let exited = await eventually(timeout: .seconds(15)) { !agent.isRunning }
            #expect(exited, "the agent exits after SIGTERM")
            if exited { #expect(agent.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")") }
            #expect(!isAlive(web))
            #expect(processes(withEnvironment: "BOSHKIT_VM_DIR=\(root.path)").isEmpty, "no job process is left")
        } catch {
            await client.close()
            await nats.close()
            throw error
        }
        await client.close()
        await nats.close()
    }
}
