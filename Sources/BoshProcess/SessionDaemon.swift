import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A process started as a daemon: in a session of its own (no controlling terminal, not in the caller's
/// process group, so Ctrl-C and the caller's exit leave it running), stdin from `/dev/null`, stdout and stderr
/// appended to a log file, default signal handling, no inherited descriptors beyond 0–2.
///
/// Its pid is also its session and process group id; its kernel start time (`/proc/<pid>/stat` field 22)
/// tells it from a later process that reuses the pid.
package enum SessionDaemon {
    /// Why a daemon could not be started.
    package enum StartError: Error, CustomStringConvertible {
        /// `/dev/null` or the log file could not be opened.
        case cannotOpen(path: String, reason: String)
        /// The process could not be spawned.
        case cannotSpawn(ChildProcess.SpawnError)

        package var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
            case .cannotSpawn(let error): return "\(error)"
            }
        }
    }

    /// Spawns `executable` as a daemon appending its output to `logPath` (created with `logPermissions`).
    /// - Returns: its pid and kernel start time.
    package static func start(
        _ executable: String, arguments: [String], environment: [String: String], workingDirectory: String?,
        logPath: String, logPermissions: mode_t
    ) throws(StartError) -> (pid: Int32, startTime: UInt64?) {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let inputErrno = errno
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, logPermissions)
        let logErrno = errno
        defer {
            if input >= 0 { close(input) }
            if log >= 0 { close(log) }
        }
        guard input >= 0 else { throw .cannotOpen(path: "/dev/null", reason: String(cString: strerror(inputErrno))) }
        guard log >= 0 else { throw .cannotOpen(path: logPath, reason: String(cString: strerror(logErrno))) }
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(
                executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
                standardIO: (input, log, log), newSession: true)
        } catch {
            throw .cannotSpawn(error)
        }
        return (pid, stat(of: pid)?.startTime)
    }

    /// The state (field 3) and kernel start time (field 22) of `/proc/<pid>/stat`; `nil` when there is no
    /// such process.
    package static func stat(of pid: Int32) -> (state: String, startTime: UInt64?)? {
        guard pid > 0, let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after "pid (comm)": state is field 3, starttime field 22.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard let state = fields.first else { return nil }
        return (String(state), fields.count > 19 ? UInt64(fields[19]) : nil)
    }

    /// Whether `pid` runs and is the process that started at `startTime` (any, when `nil`): not a zombie
    /// (which is reaped when this process is its parent), not a reused pid.
    package static func isRunning(pid: Int32, startTime: UInt64?) -> Bool {
        guard let stat = stat(of: pid), stat.state != "Z" else {
            reap(pid)
            return false
        }
        return startTime == nil || stat.startTime == startTime
    }

    /// Reaps `pid` if this process happens to be its parent and it has ended.
    package static func reap(_ pid: Int32) {
        guard pid > 0 else { return }
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }
}
