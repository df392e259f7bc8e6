import Foundation
import Logging
import NatsClient
import Testing

@testable import BoshDirector

@Suite("LocalNatsServer", .serialized)
struct LocalNatsServerTests {
    let logger = Logger(label: "test.local-nats")

    /// Runs `body` with a fresh state directory, then stops its server and removes it, whatever happened.
    func withStateDirectory(_ body: (InfraScratchDirectory) async throws -> Void) async throws {
        let dir = try InfraScratchDirectory("local-nats")
        defer { dir.remove() }
        do {
            try await body(dir)
        } catch {
            try? await LocalNatsServer.stop(stateDirectory: dir.path)
            throw error
        }
        try? await LocalNatsServer.stop(stateDirectory: dir.path)
    }

    @Test func startsWithMutualTLSReusesAndStops() async throws {
        try await withStateDirectory { dir in
            // Started while this process has the director's database open: the daemon must not inherit it.
            let store = try await DirectorStore.open(sqlitePath: dir.path + "/director.db")
            let endpoint = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            let inherited = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(endpoint.pid)/fd").compactMap {
                try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(endpoint.pid)/fd/\($0)")
            }
            #expect(!inherited.contains { $0.hasPrefix(dir.path + "/director.db") })
            #expect(inherited.contains(dir.path + "/nats/nats.log"))
            await store.close()
            #expect(endpoint.url == "nats://127.0.0.1:\(endpoint.port)")
            #expect(LocalNatsServer.runningPID(stateDirectory: dir.path) == endpoint.pid)
            #expect(DaemonProcess.stat(of: endpoint.pid) != nil)
            // A daemon: its own session.
            #expect(getsid(endpoint.pid) == endpoint.pid)

            // Files: config with verify, private keys 0600.
            let nats = dir.path + "/nats"
            let config = try String(contentsOfFile: nats + "/nats.conf", encoding: .utf8)
            #expect(config.contains("listen: \"127.0.0.1:\(endpoint.port)\""))
            #expect(config.contains("verify: true"))
            for secret in ["server.key", "certs.yml"] {
                let mode = try FileManager.default.attributesOfItem(atPath: nats + "/" + secret)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(secret)")
            }

            // The director's certificate works: publish and receive.
            let client = try await NatsClient.connect(endpoint.directorClientOptions(), logger: logger)
            #expect(client.serverInfo.tlsVerify)
            let subscription = try await client.subscribe(to: "hm.agent.heartbeat.test")
            try await client.publish("beat", to: "hm.agent.heartbeat.test")
            let received = try await infraWithTimeout(15, "the published message") { () -> String? in
                for await message in subscription { return message.string }
                return nil
            }
            #expect(received == "beat")
            await client.close()

            // The agents' certificate works too.
            let agent = try await NatsClient.connect(
                NatsClientOptions(servers: [endpoint.url], tls: endpoint.agentTLSOptions, allowReconnect: false), logger: logger)
            await agent.close()

            // Without a client certificate the server refuses the connection.
            var noCert = NatsClientOptions(
                servers: [endpoint.url],
                tls: NatsTLSOptions(trustRoots: .pem(endpoint.caPEM), serverNameCheck: .certificateNames(matching: "*.nats.bosh-internal")),
                allowReconnect: false, maxReconnectAttempts: 0)
            noCert.connectTimeout = .seconds(3)
            await #expect(throws: NatsError.self) {
                let refused = try await NatsClient.connect(noCert, logger: logger)
                // Some TLS 1.3 stacks report the refusal only at the first round trip.
                try await refused.flush(timeout: .seconds(3))
                await refused.close()
            }

            // A second call reuses the same server (same pid and port, same certificates).
            let again = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            #expect(again == endpoint)

            // Stop leaves no process; a later start keeps the port and the certificates.
            try await LocalNatsServer.stop(stateDirectory: dir.path)
            #expect(!DaemonProcess(pid: endpoint.pid, startTime: nil).isRunning)
            #expect(LocalNatsServer.runningPID(stateDirectory: dir.path) == nil)
            let restarted = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            #expect(restarted.pid != endpoint.pid)
            #expect(restarted.caPEM == endpoint.caPEM)
            #expect(restarted.port == endpoint.port)
            try await LocalNatsServer.stop(stateDirectory: dir.path)
            #expect(!DaemonProcess(pid: restarted.pid, startTime: nil).isRunning)
        }
    }

    @Test func aDeadServerIsReplaced() async throws {
        try await withStateDirectory { dir in
            let first = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            kill(first.pid, SIGKILL)
            var waited = 0
            while DaemonProcess(pid: first.pid, startTime: nil).isRunning && waited < 200 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            let second = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            #expect(second.pid != first.pid)
            let client = try await NatsClient.connect(second.directorClientOptions(), logger: logger)
            await client.close()
        }
    }

    @Test func regeneratedCertificatesRestartTheServer() async throws {
        try await withStateDirectory { dir in
            let first = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            // Losing the vars store means new certificates: the running server no longer accepts the
            // director's new certificate, so it is replaced rather than reused.
            try FileManager.default.removeItem(atPath: dir.path + "/nats/certs.yml")
            let second = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            #expect(second.caPEM != first.caPEM)
            #expect(second.pid != first.pid)
            #expect(!DaemonProcess(pid: first.pid, startTime: nil).isRunning)
            let client = try await NatsClient.connect(second.directorClientOptions(), logger: logger)
            await client.close()
        }
    }

    @Test func concurrentCallersShareOneServer() async throws {
        try await withStateDirectory { dir in
            let logger = self.logger
            async let first = LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            async let second = LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            let (a, b) = try await (first, second)
            #expect(a == b)
            let servers = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { name in
                guard let pid = Int32(name) else { return false }
                let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
                let cmdline = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)
                return comm == "nats-server\n" && (cmdline ?? "").contains(dir.path)
            }
            #expect(servers == ["\(a.pid)"])
        }
    }

    @Test func aTakenPortIsReportedOrAvoided() async throws {
        try await withStateDirectory { dir in
            let first = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            try await LocalNatsServer.stop(stateDirectory: dir.path)
            // Someone else listens on the recorded port now: a new port is chosen.
            let blocker = try listen(on: first.port)
            defer { close(blocker) }
            let second = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, logger: logger)
            #expect(second.port != first.port)
        }
    }

    @Test func missingExecutableSaysHowToInstallIt() async throws {
        let dir = try InfraScratchDirectory("local-nats")
        defer { dir.remove() }
        do {
            _ = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, searchPath: [dir.path], logger: logger)
            Issue.record("expected executableNotFound")
        } catch let error as LocalNatsServerError {
            #expect(error == .executableNotFound(searched: [dir.path]))
            #expect(error.description.contains("apt-get install -y nats-server"))
            #expect(error.description.contains("scripts/setup.sh"))
        }
    }

    @Test func aServerThatExitsAtOnceReportsItsLog() async throws {
        let dir = try InfraScratchDirectory("local-nats")
        defer { dir.remove() }
        // A fake nats-server that complains and exits.
        let bin = dir.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho 'nats-server: fatal: something is wrong with the config' >&2\nexit 1\n"
            .write(toFile: bin + "/nats-server", atomically: true, encoding: .utf8)
        chmod(bin + "/nats-server", 0o755)
        do {
            _ = try await LocalNatsServer.ensureRunning(stateDirectory: dir.path, searchPath: [bin], logger: logger)
            Issue.record("expected exitedAtStart")
        } catch let error as LocalNatsServerError {
            guard case .exitedAtStart(let log, let tail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(log == dir.path + "/nats/nats.log")
            #expect(tail.contains("something is wrong with the config"))
            #expect(error.description.contains("something is wrong with the config"))
        }
    }

    /// A listening socket on 127.0.0.1:`port`.
    private func listen(on port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1  // the stopped server's connections may still be in TIME_WAIT
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 1) == 0 else {
            close(fd)
            struct ListenFailed: Error {}
            throw ListenFailed()
        }
        return fd
    }
}
