import BoshDirectorPostgres
import BoshDirectorStore
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL cluster for the tests: `initdb` in a temporary directory as the `postgres` user, the
/// server on a free loopback port with password authentication, stopped by its pid when the test process
/// exits (a cluster an earlier, crashed run left behind is stopped first). Each test gets its own database.
actor ThrowawayPostgres {
    static let shared = ThrowawayPostgres()
    static let user = "boshkit"
    static let password = "pg-test-secret"

    private var starting: Task<Int, any Error>?
    private static let pid = Mutex<Int32>(0)

    /// A fresh database on the shared cluster (started on first use).
    func makeDatabase() async throws -> DatabaseURL.PostgresLocation {
        let port = try await start()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await Self.offPool {
            try Self.run(Self.binary("psql"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", "postgres", "-c", "CREATE DATABASE \(name)"],
                         environment: ["PGPASSWORD": Self.password])
        }
        return .init(user: Self.user, password: Self.password, host: "127.0.0.1", port: port, database: name)
    }

    /// The cluster's port (started once, however many tests ask at once).
    func start() async throws -> Int {
        if let starting { return try await starting.value }
        let task = Task { try await Self.offPool { try Self.launch() } }
        starting = task
        return try await task.value
    }

    /// Runs blocking work (processes it waits for) on a thread of its own, never on the test's task pool.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    private static func launch() throws -> Int {
        Self.stopStale()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-pg-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let passwordFile = directory + "/pw"
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        try Self.run("/usr/bin/chown", ["-R", "postgres:postgres", directory])
        try Self.run(
            "/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--clear-groups", "--", Self.binary("initdb"), "-D", directory + "/data",
                                 "-U", Self.user, "--pwfile=\(passwordFile)", "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"])
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        server.arguments = [
            "--reuid=postgres", "--regid=postgres", "--clear-groups", "--", Self.binary("postgres"), "-D", directory + "/data",
            "-p", "\(port)", "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200",
        ]
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        server.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/server.log").creatingFile())
        try server.run()
        let pid = server.processIdentifier
        Self.pid.withLock { $0 = pid }
        try? "\(pid)\n\(getpid())\n".write(toFile: directory + "/owner", atomically: true, encoding: .utf8)
        atexit { ThrowawayPostgres.stopNow() }
        // Ready once it accepts a login.
        let deadline = Date().addingTimeInterval(30)
        while true {
            if (try? Self.run(Self.binary("psql"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", "postgres", "-c", "SELECT 1"],
                         environment: ["PGPASSWORD": Self.password])) != nil { break }
            guard Date() < deadline, server.isRunning else {
                Self.stopNow()
                let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
                throw TestFailure("PostgreSQL did not start on port \(port): \(log)")
            }
            usleep(100_000)
        }
        return port
    }

    /// Stops the cluster by its pid (fast shutdown) and waits for it.
    static func stopNow() {
        let pid = Self.pid.withLock { pid -> Int32 in
            defer { pid = 0 }
            return pid
        }
        guard pid > 0 else { return }
        kill(pid, SIGINT)
        for _ in 0..<100 where kill(pid, 0) == 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-pg-\(getpid())").path)
    }

    /// Stops clusters of earlier test processes that died without stopping theirs.
    static func stopStale() {
        let temp = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temp)) ?? [] where name.hasPrefix("boshkit-pg-") {
            let owner = (try? String(contentsOfFile: "\(temp)/\(name)/owner", encoding: .utf8))?.split(separator: "\n") ?? []
            guard owner.count == 2, let server = Int32(owner[0]), let test = Int32(owner[1]), kill(test, 0) != 0 else { continue }
            kill(server, SIGKILL)
            try? FileManager.default.removeItem(atPath: "\(temp)/\(name)")
        }
    }

    static func binary(_ name: String) -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        if let version = versions.last { return "\(root)/\(version)/bin/\(name)" }
        return "/usr/bin/\(name)"
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(output)")
        }
        return output
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension URL {
    func creatingFile() -> URL {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return self
    }
}
