import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts programs with `posix_spawn`: in the agent's own process group (no `setsid`, so a group kill of the
/// VM reaches them), with default signal handling restored (the agent ignores SIGTERM to catch it, and
/// ignored signals would otherwise be inherited), stdin from `/dev/null` and stdout + stderr appended to a file.
enum Subprocess {
    /// How a program ended.
    enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var succeeded: Bool { self == .exited(0) }

        var description: String {
            switch self {
            case .exited(let status): return "exit status \(status)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }

        init(waitStatus status: Int32) {
            if status & 0x7f == 0 {
                self = .exited((status >> 8) & 0xff)
            } else {
                self = .signalled(status & 0x7f)
            }
        }
    }

    /// A program that could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        let program: String
        let code: Int32
        var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }

    /// Starts `arguments` (the first an absolute path). `directory` becomes the working directory (through
    /// `/bin/sh`'s `cd`); `output` receives stdout and, unless `errorOutput` is given, stderr, appended
    /// (`nil`: `/dev/null`).
    static func start(
        _ arguments: [String], environment: [String: String], directory: String? = nil, output: String? = nil,
        errorOutput: String? = nil
    ) throws -> pid_t {
        var argv = arguments
        if let directory {
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + arguments
        }
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let errorOutput {
            posix_spawn_file_actions_addopen(&fileActions, 2, errorOutput, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
        }
        // The agent's own descriptors (the NATS socket, event loops) stay with the agent.
        _ = closeFrom?(&fileActions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &fileActions, &attributes, cArguments, cEnvironment)
        guard result == 0 else { throw LaunchError(program: argv[0], code: result) }
        return pid
    }

    #if os(Linux)
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does not import.
    private static let closeFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
    #else
    private static let closeFrom: ((UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = nil
    #endif

    /// Waits for a child on a thread of its own (never blocking the task pool).
    static func wait(_ pid: pid_t) async -> Termination {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 {
                    if errno != EINTR {
                        continuation.resume(returning: .exited(-1))
                        return
                    }
                }
                continuation.resume(returning: Termination(waitStatus: status))
            }
            thread.start()
        }
    }

    /// Reaps a child if it has ended (without waiting); `nil` while it runs.
    static func reap(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return Termination(waitStatus: status) }
        if result == -1 { return .exited(-1) }  // not our child (any more)
        return nil
    }

    /// Runs a program to its end; after `timeout` it is sent SIGKILL and the termination reports that.
    static func run(
        _ arguments: [String], environment: [String: String], directory: String? = nil, output: String? = nil,
        errorOutput: String? = nil, timeout: Duration? = nil
    ) async throws -> Termination {
        let pid = try start(
            arguments, environment: environment, directory: directory, output: output, errorOutput: errorOutput)
        guard let timeout else { return await wait(pid) }
        let killer = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        let termination = await wait(pid)
        killer.cancel()
        return termination
    }

    /// Whether a process exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno != EPERM { return false }
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
        #else
        return true
        #endif
    }

    /// The last `count` lines of a text file (empty when unreadable).
    static func lastLines(of path: String, count: Int) -> [String] {
        // Only the file's tail is read: compile and job logs can be large.
        guard let file = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? file.close() }
        guard let end = try? file.seekToEnd() else { return [] }
        try? file.seek(toOffset: end > 64 * 1024 ? end - 64 * 1024 : 0)
        guard let data = try? file.readToEnd() else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var trimmed = lines.map(String.init)
        while trimmed.last == "" { trimmed.removeLast() }
        return Array(trimmed.suffix(count))
    }

    /// The environment programs run with: a fixed PATH plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        let inherited = ProcessInfo.processInfo.environment
        for key in ["HOME", "LANG", "LC_ALL", "TMPDIR", "USER"] { environment[key] = inherited[key] }
        environment.merge(extra) { _, new in new }
        return environment
    }
}
