import BoshProcess
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
        do {
            let started = try SessionDaemon.start(
                "/bin/sh", arguments: ["-c", command], environment: environment, workingDirectory: directory.path,
                logPath: directory.appendingPathComponent("agent.log").path, logPermissions: 0o644)
            return LocalAgentProcess(pid: started.pid, startTime: started.startTime)
        } catch {
            switch error {
            case .cannotOpen(let path, let reason):
                throw CPIError.vmCreationFailed(message: "Cannot open \(path): \(reason)")
            case .cannotSpawn(let error):
                throw error
            }
        }
    }

    /// Whether the recorded process is still running (not a zombie, not a reused pid).
    var isRunning: Bool { SessionDaemon.isRunning(pid: pid, startTime: startTime) }

    /// Sends `SIGTERM` to the agent's process group, waits up to `grace` for it to end, then sends `SIGKILL`.
    ///
    /// When the agent itself already died (killed, crashed), processes it started may still run in its session:
    /// those whose command line or working directory lies in the VM's `directory` are stopped the same way, so
    /// deleting a VM never leaves its jobs behind.
    func stop(directory: URL? = nil, grace: Duration = .seconds(2)) {
        var targets: [Int32] = []
        if isRunning {
            targets = [-pid]
        } else if let directory {
            targets = Self.sessionMembers(of: pid, mentioning: directory.path)
        }
        guard !targets.isEmpty else { return }
        for target in targets { _ = kill(target, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)  // reaps it when this process happens to be the parent
            if targets.allSatisfy({ kill($0, 0) != 0 }) { break }
            usleep(10_000)
        }
        for target in targets { _ = kill(target, SIGKILL) }
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    /// Live processes of session `session` whose command line or working directory contains `path`.
    static func sessionMembers(of session: Int32, mentioning path: String) -> [Int32] {
        var members: [Int32] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let candidate = Int32(entry),
                let text = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                let close = text.lastIndex(of: ")")
            else { continue }
            // After "pid (comm)": state is field 3, session field 6.
            let fields = text[text.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", Int32(fields[3]) == session else { continue }
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(candidate)/cmdline")))
                .map { String(decoding: $0.map { $0 == 0 ? 32 : $0 }, as: UTF8.self) } ?? ""
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(candidate)/cwd")) ?? ""
            if cmdline.contains(path) || cwd.hasPrefix(path) { members.append(candidate) }
        }
        return members
    }

}
