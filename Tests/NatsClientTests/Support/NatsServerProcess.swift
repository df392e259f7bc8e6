import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `nats-server` on 127.0.0.1 for one test: started on a free port, stopped by its process id.
final class NatsServerProcess: @unchecked Sendable {
    /// What to run: plain, with auth flags, with a TLS config, as a cluster member.
    struct Configuration: Sendable {
        var arguments: [String] = []
        /// Extra configuration-file text (TLS blocks); `listen` is added by the helper.
        var configText: String?
        var clusterPort: Int?
        var routes: [Int] = []

        static let plain = Configuration()
    }

    let port: Int
    let configuration: Configuration
    private let directory: URL
    private var process: Process?

    var url: String { "nats://127.0.0.1:\(port)" }
    var logPath: String { directory.appendingPathComponent("server.log").path }

    private init(port: Int, configuration: Configuration, directory: URL) {
        self.port = port
        self.configuration = configuration
        self.directory = directory
    }

    /// Starts a server on `port` (a free one if `nil`) and waits until it accepts TCP connections.
    ///
    /// The waiting happens on a Dispatch thread, never on the Swift task pool that the clients under test use.
    static func start(_ configuration: Configuration = .plain, port: Int? = nil) async throws -> NatsServerProcess {
        try await offPool { try startBlocking(configuration, port: port) }
    }

    private static func startBlocking(_ configuration: Configuration, port: Int?) throws -> NatsServerProcess {
        var attempt = 0
        while true {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nats-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let server = NatsServerProcess(
                port: port ?? FreePort.next(), configuration: configuration, directory: directory)
            do {
                try server.launch()
                return server
            } catch ServerError.exited(let log) where port == nil && attempt < 2 && log.contains("address already in use") {
                attempt += 1  // another process took the free port first; pick a new one
            }
        }
    }

    /// Starts the process again on the same port with the same configuration.
    func restart() async throws {
        try await offPool {
            self.stop()
            try self.launch()
        }
    }

    private func launch() throws {
        var arguments = ["-a", "127.0.0.1", "-p", "\(port)"]
        if let text = configuration.configText {
            let path = directory.appendingPathComponent("server.conf")
            try text.write(to: path, atomically: true, encoding: .utf8)
            arguments += ["-c", path.path]
        }
        if let clusterPort = configuration.clusterPort {
            arguments += ["--cluster_name", "boshkit", "--cluster", "nats://127.0.0.1:\(clusterPort)"]
            if !configuration.routes.isEmpty {
                arguments += ["--routes", configuration.routes.map { "nats://127.0.0.1:\($0)" }.joined(separator: ",")]
            }
        }
        arguments += configuration.arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !process.isRunning {
                let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw ServerError.exited(text)
            }
            if FreePort.accepts(port) { return }
            usleep(20_000)
        }
        stop()
        throw ServerError.notReady(port)
    }

    /// Kills the process (SIGKILL, as a crash would) and waits for it; safe to call twice.
    func stop() {
        guard let process else { return }
        self.process = nil
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var isRunning: Bool { process?.isRunning ?? false }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    enum ServerError: Error {
        case exited(String)
        case notReady(Int)
    }

    static let executable: String = {
        for path in ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return "/usr/sbin/nats-server"
    }()

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }
}

/// Runs `body` with a fresh server and stops the server afterwards, whether `body` throws or not.
@discardableResult
func withNatsServer<T>(
    _ configuration: NatsServerProcess.Configuration = .plain, _ body: (NatsServerProcess) async throws -> T
) async throws -> T {
    let server = try await NatsServerProcess.start(configuration)
    defer { server.stop() }
    return try await body(server)
}

/// Runs blocking work (process start-up, `openssl`) on a Dispatch thread and awaits it.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Free loopback ports and a TCP readiness probe.
enum FreePort {
    static func next() -> Int {
        let (fd, port) = bindLoopback()
        close(fd)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks, and that port.
    static func bindLoopback() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
