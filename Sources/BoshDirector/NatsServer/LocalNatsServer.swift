import AgentProtocol
import Foundation
import Logging
import NatsClient

#if canImport(Glibc)
import Glibc
#endif

/// The local demo's message bus: Debian's `nats-server` run as a daemon on 127.0.0.1 with mutual TLS, its
/// files kept in `<state>/nats/`.
///
/// ``ensureRunning(stateDirectory:logger:)`` starts the server on first use and reuses it afterwards, so
/// every `boshkit deploy` talks to the same server and the agents of earlier deploys stay connected:
///
/// ```swift
/// let nats = try await LocalNatsServer.ensureRunning(stateDirectory: state, logger: logger)
/// let client = try await NatsClient.connect(nats.directorClientOptions(), logger: logger)
/// settings.mbus = nats.url                       // "nats://127.0.0.1:<port>"
/// settings.env = ["bosh": ["mbus": ["cert": nats.agentMbusCertificate…]]]
/// ```
///
/// Files in `<state>/nats/`:
/// - `certs.yml` — the vars store holding the CA and the server, director and agent certificates (0600);
/// - `ca.pem`, `server.pem`, `server.key` (0600) — what `nats-server` reads;
/// - `nats.conf` — the configuration: `listen: 127.0.0.1:<port>`, `tls { … verify: true }`;
/// - `nats.log` — the server's stdout and stderr; `nats.pid` — written by the server;
/// - `server.json` — the pid, its start time and the port, to find the server again.
///
/// The server runs in a session of its own: it outlives the command that started it (as a director's NATS
/// outlives one deploy) until ``stop(stateDirectory:)``.
public enum LocalNatsServer {
    /// The pattern agents and the director check the server certificate against (as BOSH agents do),
    /// whatever host they dialled.
    public static let serverNamePattern = "*.nats.bosh-internal"

    /// Where and how to reach the running server, with the certificates for both sides.
    public struct Endpoint: Sendable, Hashable {
        /// The server's process id.
        public var pid: Int32
        /// The loopback port it listens on.
        public var port: Int
        /// The CA certificate (PEM) that signs the server and client certificates.
        public var caPEM: String
        /// The director's (and health monitor's) client certificate (PEM).
        public var directorCertificatePEM: String
        /// The director's client key (PEM).
        public var directorPrivateKeyPEM: String
        /// The agents' client certificate (PEM).
        public var agentCertificatePEM: String
        /// The agents' client key (PEM).
        public var agentPrivateKeyPEM: String

        /// Creates an endpoint description.
        public init(
            pid: Int32, port: Int, caPEM: String, directorCertificatePEM: String, directorPrivateKeyPEM: String,
            agentCertificatePEM: String, agentPrivateKeyPEM: String
        ) {
            self.pid = pid
            self.port = port
            self.caPEM = caPEM
            self.directorCertificatePEM = directorCertificatePEM
            self.directorPrivateKeyPEM = directorPrivateKeyPEM
            self.agentCertificatePEM = agentCertificatePEM
            self.agentPrivateKeyPEM = agentPrivateKeyPEM
        }

        /// `nats://127.0.0.1:<port>` — the agents' `mbus` setting.
        public var url: String { "nats://127.0.0.1:\(port)" }

        /// TLS for the director side: the CA as trust root, the director's client certificate, and the
        /// server name checked against ``LocalNatsServer/serverNamePattern``.
        public var directorTLSOptions: NatsTLSOptions {
            NatsTLSOptions(
                trustRoots: .pem(caPEM), clientCertificate: .pem(directorCertificatePEM),
                privateKey: .pem(directorPrivateKeyPEM),
                serverNameCheck: .certificateNames(matching: LocalNatsServer.serverNamePattern))
        }

        /// TLS an agent uses (the agents' client certificate); for tests and in-process agents.
        public var agentTLSOptions: NatsTLSOptions {
            NatsTLSOptions(
                trustRoots: .pem(caPEM), clientCertificate: .pem(agentCertificatePEM), privateKey: .pem(agentPrivateKeyPEM),
                serverNameCheck: .certificateNames(matching: LocalNatsServer.serverNamePattern))
        }

        /// `NatsClient` connect options for the director side (mutual TLS, server name check).
        /// - Parameter name: the connection name the server shows.
        public func directorClientOptions(name: String = "boshkit-director") -> NatsClientOptions {
            NatsClientOptions(servers: [url], tls: directorTLSOptions, name: name, connectTimeout: .seconds(10))
        }

        /// The agents' `env.bosh.mbus.cert` settings: CA, certificate and private key.
        public var agentMbusCertificate: MbusCertificate {
            MbusCertificate(ca: caPEM, certificate: agentCertificatePEM, privateKey: agentPrivateKeyPEM)
        }
    }

    /// What `server.json` records.
    struct Record: Codable, Sendable, Hashable {
        var pid: Int32
        var startTime: UInt64?
        var port: Int
        var executable: String

        var process: DaemonProcess { DaemonProcess(pid: pid, startTime: startTime) }
    }

    /// The paths of the files in `<state>/nats/`.
    struct Files {
        let directory: String
        init(stateDirectory: String) {
            directory = URL(fileURLWithPath: stateDirectory).standardizedFileURL.appendingPathComponent("nats").path
        }
        var certsStore: String { directory + "/certs.yml" }
        var ca: String { directory + "/ca.pem" }
        var serverCertificate: String { directory + "/server.pem" }
        var serverKey: String { directory + "/server.key" }
        var config: String { directory + "/nats.conf" }
        var log: String { directory + "/nats.log" }
        var pid: String { directory + "/nats.pid" }
        var record: String { directory + "/server.json" }
        var lock: String { directory + "/.lock" }
    }

    /// Returns the running server of this state directory, starting it first if it is not running.
    ///
    /// A recorded server is reused when its process is alive, is `nats-server` and accepts a mutual-TLS
    /// connection with the director certificate. Otherwise a new server is started on the recorded port if
    /// it is free, else on a new free port. Concurrent callers (other processes too) are serialised by a lock
    /// on `<state>/nats/.lock`, so only one server is ever started.
    /// - Parameters:
    ///   - stateDirectory: the director's state directory (`nats/` is created inside it).
    ///   - logger: receives what is started or reused (never key material).
    /// - Throws: ``LocalNatsServerError`` — `nats-server` missing, port in use, the server exiting at once
    ///   (with the end of `nats.log`), TLS refused, or a file problem.
    public static func ensureRunning(stateDirectory: String, logger: Logger) async throws -> Endpoint {
        try await ensureRunning(stateDirectory: stateDirectory, searchPath: nil, logger: logger)
    }

    /// ``ensureRunning(stateDirectory:logger:)`` with the directories searched for `nats-server` given
    /// (`nil`: `$PATH`, then `/usr/sbin` and `/usr/bin`).
    static func ensureRunning(stateDirectory: String, searchPath: [String]?, logger: Logger) async throws -> Endpoint {
        let files = Files(stateDirectory: stateDirectory)
        let lock = try await BlockingIO.run { try FileLock(path: files.lock, directory: files.directory) }
        defer { lock.unlock() }

        let certificates = try await BlockingIO.run { () throws -> NatsCertificates in
            let certificates = try NatsCertificates.loadOrGenerate(storePath: files.certsStore)
            try writeIfChanged(certificates.ca, to: files.ca, mode: 0o644)
            try writeIfChanged(certificates.server.certificate, to: files.serverCertificate, mode: 0o644)
            try writeIfChanged(certificates.server.privateKey, to: files.serverKey, mode: 0o600)
            return certificates
        }
        func endpoint(_ record: Record) -> Endpoint {
            Endpoint(
                pid: record.pid, port: record.port, caPEM: certificates.ca,
                directorCertificatePEM: certificates.director.certificate,
                directorPrivateKeyPEM: certificates.director.privateKey,
                agentCertificatePEM: certificates.agent.certificate, agentPrivateKeyPEM: certificates.agent.privateKey)
        }

        let recordFile = StateFile<Record>(path: files.record)
        let recorded = try? recordFile.read()
        if let recorded, isNatsServer(recorded.process) {
            let candidate = endpoint(recorded)
            do {
                // Twice, generously: restarting a server that agents use only because a loaded machine was slow
                // to finish one handshake would disconnect every agent.
                do { try await checkTLS(candidate) } catch { try await checkTLS(candidate) }
                logger.debug("Reusing nats-server", metadata: ["pid": "\(recorded.pid)", "port": "\(recorded.port)"])
                return candidate
            } catch {
                logger.warning(
                    "The recorded nats-server does not accept the director's TLS connection; restarting it",
                    metadata: ["pid": "\(recorded.pid)", "port": "\(recorded.port)", "error": "\(error)"])
                await BlockingIO.stop(recorded.process)
            }
        }

        let executable = try locateExecutable(searchPath: searchPath)
        var port: Int
        if let recorded, LoopbackPort.isFree(recorded.port) {
            port = recorded.port
        } else {
            if let recorded { logger.info("Port \(recorded.port) of the previous nats-server is taken; choosing another") }
            port = try LoopbackPort.free()
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let record = try await start(executable: executable, port: port, files: files, logger: logger)
                let result = endpoint(record)
                do {
                    try await checkTLS(result)
                } catch {
                    await BlockingIO.stop(record.process)
                    throw LocalNatsServerError.tlsFailure(
                        url: result.url, detail: "\(error)", logTail: logTail(files.log))
                }
                try recordFile.write(record)
                logger.info("Started nats-server", metadata: ["pid": "\(record.pid)", "url": "\(result.url)"])
                return result
            } catch LocalNatsServerError.portInUse where attempt < 3 {
                // Someone took the port between the check and the server's bind: choose another.
                port = try LoopbackPort.free()
            }
        }
    }

    /// Stops the server of this state directory (SIGTERM, then SIGKILL after a grace period) and forgets its
    /// pid; the certificates and port stay for the next start. Stopping a server that is not running is not
    /// an error.
    /// - Throws: ``LocalNatsServerError/io(path:reason:)`` when the record cannot be read or removed.
    public static func stop(stateDirectory: String) async throws {
        let files = Files(stateDirectory: stateDirectory)
        guard FileManager.default.fileExists(atPath: files.directory) else { return }
        let lock = try await BlockingIO.run { try FileLock(path: files.lock, directory: files.directory) }
        defer { lock.unlock() }
        let recordFile = StateFile<Record>(path: files.record)
        guard let record = try? recordFile.read() else { return }
        if isNatsServer(record.process) { await BlockingIO.stop(record.process) }
        // Keep the port for the next start, drop the pid.
        var stopped = record
        stopped.pid = 0
        stopped.startTime = nil
        do { try recordFile.write(stopped) } catch { throw LocalNatsServerError.io(path: files.record, reason: "\(error)") }
    }

    /// The pid of the running server of this state directory, or `nil`.
    public static func runningPID(stateDirectory: String) -> Int32? {
        let files = Files(stateDirectory: stateDirectory)
        guard let record = try? StateFile<Record>(path: files.record).read(), isNatsServer(record.process) else { return nil }
        return record.pid
    }

    /// Finds `nats-server` in `searchPath` (default `$PATH`, then `/usr/sbin`, `/usr/bin`).
    static func locateExecutable(searchPath: [String]?) throws -> String {
        let directories = searchPath ?? ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"])
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/nats-server"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw LocalNatsServerError.executableNotFound(searched: directories)
    }

    /// Whether the process runs and is `nats-server`.
    static func isNatsServer(_ process: DaemonProcess) -> Bool {
        process.pid > 0 && process.isRunning && process.commandName == "nats-server"
    }

    /// Writes the configuration and spawns the server; returns when it accepts TCP connections.
    private static func start(executable: String, port: Int, files: Files, logger: Logger) async throws -> Record {
        let config = """
            # Written by boshkit: the local demo's NATS server (mutual TLS). Rewritten on each start.
            listen: "127.0.0.1:\(port)"
            pid_file: "\(files.pid)"
            tls {
              cert_file: "\(files.serverCertificate)"
              key_file: "\(files.serverKey)"
              ca_file: "\(files.ca)"
              verify: true
              timeout: 5
            }

            """
        try AtomicFile.write(Array(config.utf8), to: files.config, mode: 0o600)
        let logStart = (try? FileManager.default.attributesOfItem(atPath: files.log)[.size] as? Int) ?? 0
        return try await BlockingIO.run {
            let process = try DaemonProcess.spawn(executable, arguments: ["-c", files.config], logPath: files.log)
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                if !process.isRunning {
                    let tail = logTail(files.log, from: logStart)
                    if tail.contains("address already in use") { throw LocalNatsServerError.portInUse(port: port, logTail: tail) }
                    throw LocalNatsServerError.exitedAtStart(log: files.log, logTail: tail)
                }
                if LoopbackPort.accepts(port) {
                    return Record(pid: process.pid, startTime: process.startTime, port: port, executable: executable)
                }
                usleep(20_000)
            }
            process.stop()
            throw LocalNatsServerError.exitedAtStart(log: files.log, logTail: "not listening on 127.0.0.1:\(port) after 10 s\n" + logTail(files.log, from: logStart))
        }
    }

    /// Connects with the director certificate and closes again.
    private static func checkTLS(_ endpoint: Endpoint) async throws {
        var options = endpoint.directorClientOptions(name: "boshkit-director-check")
        options.allowReconnect = false
        options.maxReconnectAttempts = 0
        options.connectTimeout = .seconds(10)
        let client = try await NatsClient.connect(options)
        await client.close()
    }

    /// The last lines of a log (from byte `offset`), for error messages.
    static func logTail(_ path: String, from offset: Int = 0, lines: Int = 15) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let slice = offset < data.count ? data[offset...] : data[...]
        let text = String(decoding: slice, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: "\n")
    }

    private static func writeIfChanged(_ text: String, to path: String, mode: mode_t) throws {
        if let existing = FileManager.default.contents(atPath: path), existing == Data(text.utf8) {
            chmod(path, mode)
            return
        }
        try AtomicFile.write(Array(text.utf8), to: path, mode: mode)
    }
}

extension BlockingIO {
    /// Stops a daemon off the cooperative pool.
    static func stop(_ process: DaemonProcess) async {
        _ = try? await run { process.stop() }
    }
}

/// An exclusive `flock` on a file held between `init` and ``unlock()`` (blocking until it is free).
final class FileLock: @unchecked Sendable {
    private var fd: Int32
    private let lock = NSLock()

    init(path: String, directory: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalNatsServerError.io(path: directory, reason: "cannot create: \(error.localizedDescription)")
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalNatsServerError.io(path: path, reason: "cannot open: \(AtomicFile.lastError())") }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = AtomicFile.lastError()
            close(fd)
            throw LocalNatsServerError.io(path: path, reason: "flock: \(reason)")
        }
    }

    func unlock() {
        lock.lock()
        defer { lock.unlock() }
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
