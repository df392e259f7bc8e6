import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `nats-server` on a free loopback port for one test, optionally requiring client certificates;
/// killed by its process id in ``stop()``.
final class TestNatsServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let directory: URL

    var url: String { "nats://127.0.0.1:\(port)" }

    private init(port: Int, process: Process, directory: URL) {
        self.port = port
        self.process = process
        self.directory = directory
    }

    static let executable = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/nats-server"

    /// Starts a server; with `pki`, TLS with the PKI's server certificate and `verify: true` (mutual TLS).
    static func start(pki: TestPKI? = nil) async throws -> TestNatsServer {
        try await offPool { try launch(pki: pki) }
    }

    private static func launch(pki: TestPKI?) throws -> TestNatsServer {
        for _ in 0..<3 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-nats-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let port = freePort()
            var arguments = ["-a", "127.0.0.1", "-p", "\(port)"]
            if let pki {
                let config = directory.appendingPathComponent("server.conf")
                try """
                tls {
                  cert_file: "\(pki.path("server.pem"))"
                  key_file: "\(pki.path("server.key"))"
                  ca_file: "\(pki.path("ca.pem"))"
                  verify: true
                  timeout: 10
                }
                """.write(to: config, atomically: true, encoding: .utf8)
                arguments += ["-c", config.path]
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = TestNatsServer(port: port, process: process, directory: directory)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, process.isRunning {
                if accepts(port) { return server }
                usleep(10_000)
            }
            server.stop()
        }
        throw TestSetupError("nats-server did not start")
    }

    /// Kills the server and waits for it; safe to call twice.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
