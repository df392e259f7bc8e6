import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A VM's agent process: started by `create_vm` in a session of its own, so it outlives the CPI process
/// (as an agent outlives the CPI call that booted its VM) and can be stopped with its children by `delete_vm`.
struct LocalAgentProcess: Codable, Sendable, Hashable {
    /// The process id, also its session and process group id.
    var pid: Int32
    /// The kernel's start time of the process (`/proc/<pid>/stat` field 22), to tell it from a reused pid.
    var startTime: UInt64?

    /// Starts `/bin/sh -c command` in `directory` with stdin from `/dev/null` and output appended to `agent.log`.
    static func start(command: String, directory: URL, environment: [String: String]) throws -> LocalAgentProcess {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let logPath = directory.appendingPathComponent("agent.log").path
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer {
            if input >= 0 { close(input) }
            if log >= 0 { close(log) }
        }
        guard input >= 0, log >= 0 else {
            throw CPIError.vmCreationFailed(message: "Cannot open \(logPath): \(String(cString: strerror(errno)))")
        }
        let pid = try ChildProcess.spawn(
            "/bin/sh", arguments: ["-c", command], environment: environment, workingDirectory: directory.path,
            standardIO: (input, log, log), newSession: true
        )
        return LocalAgentProcess(pid: pid, startTime: Self.startTime(of: pid))
    }

    /// Whether the recorded process is still running (not a zombie, not a reused pid).
    var isRunning: Bool {
        guard let stat = Self.stat(of: pid), stat.state != "Z" else { return false }
        return startTime == nil || stat.startTime == startTime
    }

    /// Sends `SIGTERM` to the agent's process group, waits up to `grace` for it to end, then sends `SIGKILL`.
    func stop(grace: Duration = .seconds(2)) {
        guard isRunning else { return }
        _ = kill(-pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)  // reaps it when this process happens to be the parent
            if !isRunning { break }
            usleep(10_000)
        }
        _ = kill(-pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    private static func stat(of pid: Int32) -> (state: String, startTime: UInt64?)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after "pid (comm)": state is field 3, starttime field 22.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard let state = fields.first else { return nil }
        return (String(state), fields.count > 19 ? UInt64(fields[19]) : nil)
    }

    private static func startTime(of pid: Int32) -> UInt64? { stat(of: pid)?.startTime }
}
