import BoshProcess
import CPIProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A process started as a daemon (``SessionDaemon``): its own session, stdin from `/dev/null`, stdout and
/// stderr appended to a log file; stopped by pid (the local nats-server).
struct DaemonProcess: Codable, Sendable, Hashable {
    /// The process id (also its session and process group id).
    var pid: Int32
    /// The kernel start time (`/proc/<pid>/stat` field 22), telling the process from a later one with the
    /// same pid.
    var startTime: UInt64?

    /// Spawns `executable` with `arguments` as a daemon logging to `logPath`.
    static func spawn(_ executable: String, arguments: [String], logPath: String) throws -> DaemonProcess {
        do {
            let started = try SessionDaemon.start(
                executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                workingDirectory: nil, logPath: logPath, logPermissions: 0o600)
            return DaemonProcess(pid: started.pid, startTime: started.startTime)
        } catch {
            switch error {
            case .cannotOpen(let path, let reason):
                throw LocalNatsServerError.io(path: path, reason: "cannot open: \(reason)")
            case .cannotSpawn(let error):
                throw LocalNatsServerError.io(path: executable, reason: "cannot start: \(error)")
            }
        }
    }

    /// Whether the process runs (not a zombie, not a reused pid).
    var isRunning: Bool { SessionDaemon.isRunning(pid: pid, startTime: startTime) }

    /// The process's command name (`/proc/<pid>/comm`).
    var commandName: String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends `SIGTERM`, waits up to `grace`, then `SIGKILL`s the process; returns when it is gone (or after
    /// a further second).
    func stop(grace: Duration = .seconds(5)) {
        guard isRunning else { return }
        _ = kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if !isRunning { return }
            usleep(10_000)
        }
        _ = kill(pid, SIGKILL)
        let killDeadline = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < killDeadline && isRunning { usleep(10_000) }
    }

    /// Reaps the process if this process happens to be its parent (a daemon started by this process).
    func reap() { SessionDaemon.reap(pid) }

    static func stat(of pid: Int32) -> (state: String, startTime: UInt64?)? { SessionDaemon.stat(of: pid) }
}

/// Loopback TCP ports: whether one is free, a free one, whether something accepts on one.
enum LoopbackPort {
    /// Whether 127.0.0.1:`port` can be bound now.
    static func isFree(_ port: Int) -> Bool { bind(port) != nil }

    /// A port the kernel considers free right now.
    static func free() throws -> Int {
        guard let port = bind(0) else {
            throw LocalNatsServerError.io(path: "127.0.0.1", reason: "cannot find a free port: \(AtomicFile.lastError())")
        }
        return port
    }

    /// Whether a TCP connection to 127.0.0.1:`port` succeeds.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Binds 127.0.0.1:`port` (0: any) and returns the bound port, or `nil`.
    private static func bind(_ port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: actual.sin_port))
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
