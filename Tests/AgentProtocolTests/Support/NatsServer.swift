import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain `nats-server` on a free loopback port for one test; killed by its process id when the test ends.
final class NatsServer: @unchecked Sendable {
    let port: Int
    private let process: Process

    var url: String { "nats://127.0.0.1:\(port)" }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    static let executable = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/nats-server"

    /// Launches the server (on a Dispatch thread, off the task pool) and waits until it accepts connections.
    /// - Parameter configText: configuration-file text, such as `max_payload: 16MB`.
    static func start(configText: String? = nil) async throws -> NatsServer {
        var arguments: [String] = []
        if let configText {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nats-\(UUID().uuidString).conf")
            try configText.write(to: path, atomically: true, encoding: .utf8)
            arguments = ["-c", path.path]
        }
        return try await withCheckedThrowingContinuation { [arguments] continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try launch(arguments) })
            }
        }
    }

    private static func launch(_ extraArguments: [String]) throws -> NatsServer {
        for _ in 0..<3 {
            let port = Loopback.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-a", "127.0.0.1", "-p", "\(port)"] + extraArguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = NatsServer(port: port, process: process)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, process.isRunning {
                if Loopback.accepts(port) { return server }
                usleep(10_000)
            }
            server.stop()  // exited (port taken) or never ready: try another port
        }
        throw NatsServerFailed()
    }

    /// Kills the process and waits for it; safe to call twice.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct NatsServerFailed: Error, CustomStringConvertible {
    var description: String { "nats-server did not start" }
}

/// Runs `body` with a fresh server and stops it afterwards, whether `body` throws or not.
func withNatsServer<T>(configText: String? = nil, _ body: (NatsServer) async throws -> T) async throws -> T {
    let server = try await NatsServer.start(configText: configText)
    defer { server.stop() }
    return try await body(server)
}

enum Loopback {
    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port the kernel just handed out for 127.0.0.1.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, length)
                _ = getsockname(fd, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = address(port: port)
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
