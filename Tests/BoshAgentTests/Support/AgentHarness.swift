import AgentProtocol
import Foundation
import Logging
import NatsClient

@testable import BoshAgent

#if canImport(Glibc)
import Glibc
#endif

/// One agent under test: a temporary VM root and blobstore, a real nats-server (with mutual TLS when asked),
/// the agent running in-process from a settings file, and a director-side ``AgentClient``.
struct AgentHarness: Sendable {
    let agentID: String
    let directory: URL
    let root: URL
    let blobstore: URL
    let settingsPath: String
    let server: TestNatsServer
    let runtime: AgentRuntime
    let director: NatsClient
    let client: AgentClient

    var layout: AgentLayout { AgentLayout(root: root) }

    static let logger: Logger = {
        var logger = Logger(label: "boshagent.tests", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = ProcessInfo.processInfo.environment["BOSHAGENT_TEST_LOG"] != nil ? .debug : .critical
        return logger
    }()

    /// Runs `body` with a fresh agent and tears everything down afterwards, whether `body` throws or not.
    static func with(
        tls: Bool = true, heartbeatInterval: Duration = .milliseconds(200),
        _ body: (AgentHarness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-test-\(UUID().uuidString)")
        let pki = tls ? try await TestPKI.get() : nil
        let server = try await TestNatsServer.start(pki: pki)
        var runtime: AgentRuntime?
        var director: NatsClient?
        do {
            let agentID = "agent-\(UUID().uuidString.lowercased())"
            let root = directory.appendingPathComponent("vm")
            let blobstore = directory.appendingPathComponent("blobstore")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: blobstore, withIntermediateDirectories: true)
            let settingsPath = directory.appendingPathComponent("settings.json").path
            try writeSettings(agentID: agentID, mbus: server.url, blobstore: blobstore, pki: pki, to: settingsPath)
            runtime = try await AgentRuntime.start(
                .init(
                    settingsPath: settingsPath, root: root.path, heartbeatInterval: heartbeatInterval,
                    connectTimeout: .seconds(5), supervisor: SupervisorOptions(initialBackoff: .seconds(1), terminationGrace: .seconds(2)),
                    environment: [:]),
                logger: logger)
            var options = NatsClientOptions(servers: [server.url], connectTimeout: .seconds(10))  // TLS on a loaded machine
            if let pki {
                options.tls = NatsTLSOptions(
                    trustRoots: .pem(try pki.pem("ca.pem")), clientCertificate: .pem(try pki.pem("director.pem")),
                    privateKey: .pem(try pki.pem("director.key")),
                    serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal"))
            }
            director = try await NatsClient.connect(options)
            let client = try await AgentClient.start(
                nats: director!, configuration: .init(defaultTimeout: .seconds(30), maximumPollInterval: .milliseconds(100)))
            let harness = AgentHarness(
                agentID: agentID, directory: directory, root: root, blobstore: blobstore, settingsPath: settingsPath,
                server: server, runtime: runtime!, director: director!, client: client)
            try await body(harness)
            await client.close()
        } catch {
            await teardown(runtime: runtime, director: director, server: server, directory: directory)
            throw error
        }
        await teardown(runtime: runtime, director: director, server: server, directory: directory)
    }

    private static func teardown(runtime: AgentRuntime?, director: NatsClient?, server: TestNatsServer, directory: URL) async {
        await runtime?.stop()
        await director?.close()
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    static func writeSettings(agentID: String, mbus: String, blobstore: URL, pki: TestPKI?, to path: String) throws {
        var bosh: [String: Any] = [:]
        if let pki {
            bosh["mbus"] = [
                "cert": [
                    "ca": try pki.pem("ca.pem"), "certificate": try pki.pem("agent.pem"),
                    "private_key": try pki.pem("agent.key"),
                ]
            ]
        }
        let settings: [String: Any] = [
            "agent_id": agentID,
            "mbus": mbus,
            "blobstore": ["provider": "local", "options": ["blobstore_path": blobstore.path]],
            "env": ["bosh": bosh],
            "vm": ["name": "vm-under-test"],
            "networks": [String: Any](),
            "disks": [String: Any](),
        ]
        try JSONSerialization.data(withJSONObject: settings, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    }

    /// Stores a tgz of `files` in the blobstore.
    func storeArchive(_ files: [String: (String, Int)]) async throws -> Blobs.Stored {
        try Blobs.store(try await Blobs.tgz(files), in: blobstore)
    }
}

/// Live processes (not zombies) whose environment holds `entry` (such as `BOSHKIT_VM_DIR=<root>`).
func processes(withEnvironment entry: String) -> [Int32] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return names.compactMap { Int32($0) }.filter { pid in
        guard pid != getpid(), let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
        let entries = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return entries.contains(entry) && isAlive(pid)
    }
}

/// Whether `pid` names a live process (not a zombie).
func isAlive(_ pid: Int32) -> Bool { Subprocess.isAlive(pid) }
