import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process with its stdin fed from memory and its stdout and stderr collected, in its own process
/// group so that a timeout or a cancellation kills it and everything it started.
///
/// All file descriptors are close-on-exec, so concurrent runs never leak pipe ends into each other's children.
/// The I/O loop runs on a dedicated thread (not the cooperative pool) with `SIGPIPE` blocked.
package enum ChildProcess {
    /// What to run: the executable (a path; no `PATH` look-up), its arguments and environment, where, with
    /// which input, for how long.
    package struct Spec: Sendable {
        package var executable: String
        package var arguments: [String]
        package var environment: [String: String]
        package var workingDirectory: String?
        package var input: Data
        /// After this long the process group is killed and ``Output/timedOut`` is set.
        package var timeout: Duration
        /// Standard output beyond this many bytes is dropped (``Output/outputTruncated``).
        package var maximumOutput: Int

        package init(
            executable: String, arguments: [String] = [], environment: [String: String],
            workingDirectory: String? = nil, input: Data = Data(), timeout: Duration, maximumOutput: Int = 64 << 20
        ) {
            self.executable = executable
            self.arguments = arguments
            self.environment = environment
            self.workingDirectory = workingDirectory
            self.input = input
            self.timeout = timeout
            self.maximumOutput = maximumOutput
        }
    }

    /// How the process ended.
    package enum Termination: Sendable, Hashable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        package var description: String {
            switch self {
            case .exited(let status): return "exit status \(status)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    /// What the process wrote and how it ended.
    package struct Output: Sendable {
        package var standardOutput = Data()
        /// The last 64–128 KiB of standard error.
        package var standardError = Data()
        package var termination = Termination.exited(0)
        /// The timeout killed the process group.
        package var timedOut = false
        package var outputTruncated = false
    }

    /// The process could not be started (or a pipe not created): the operation and the `errno` text.
    package struct SpawnError: Error, CustomStringConvertible {
        package var errno: Int32
        package var operation: String
        package var description: String { "\(operation): \(String(cString: strerror(errno)))" }
    }

    /// Runs the process on the calling thread, blocking it until the process ends or times out; for
    /// synchronous callers (never call it on the cooperative pool for long-running processes).
    package static func runSynchronously(_ spec: Spec) throws -> Output {
        try runBlocking(spec, Control())
    }

    /// Runs the process to completion, a timeout, or the task's cancellation (then throws `CancellationError`).
    package static func run(_ spec: Spec) async throws -> Output {
        let control = Control()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output, any Error>) in
                let thread = Thread {
                    continuation.resume(with: Result { try runBlocking(spec, control) })
                }
                thread.name = "boshkit-child-process"
                thread.start()
            }
        } onCancel: {
            control.cancel()
        }
    }

    /// Shared between the I/O thread and the cancellation handler.
    final class Control: @unchecked Sendable {
        private let lock = NSLock()
        private var pid: pid_t = 0
        private(set) var cancelled = false

        func started(_ pid: pid_t) {
            lock.lock()
            self.pid = pid
            let kill = cancelled
            lock.unlock()
            if kill { ChildProcess.killGroup(pid) }
        }

        func cancel() {
            lock.lock()
            cancelled = true
            let pid = self.pid
            lock.unlock()
            if pid > 0 { ChildProcess.killGroup(pid) }
        }

        var isCancelled: Bool {
            lock.lock()
            defer { lock.unlock() }
            return cancelled
        }
    }

    /// Sends `SIGKILL` to the process group `pid` leads, and to `pid` itself.
    package static func killGroup(_ pid: pid_t) {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }

    private static func runBlocking(_ spec: Spec, _ control: Control) throws -> Output {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previousMask)
        // A pending SIGPIPE was swallowed below, so restoring the mask of a caller's thread delivers nothing.
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }

        guard let stdinPipe = GlibcExtensions.makeCloseOnExecPipe() else { throw SpawnError(errno: errno, operation: "pipe") }
        guard let stdoutPipe = GlibcExtensions.makeCloseOnExecPipe() else {
            closeAll(stdinPipe.read, stdinPipe.write)
            throw SpawnError(errno: errno, operation: "pipe")
        }
        guard let stderrPipe = GlibcExtensions.makeCloseOnExecPipe() else {
            closeAll(stdinPipe.read, stdinPipe.write, stdoutPipe.read, stdoutPipe.write)
            throw SpawnError(errno: errno, operation: "pipe")
        }
        let pid: pid_t
        do {
            pid = try spawn(
                spec.executable, arguments: spec.arguments, environment: spec.environment,
                workingDirectory: spec.workingDirectory,
                standardIO: (stdinPipe.read, stdoutPipe.write, stderrPipe.write), newSession: false
            )
        } catch {
            closeAll(stdinPipe.read, stdinPipe.write, stdoutPipe.read, stdoutPipe.write, stderrPipe.read, stderrPipe.write)
            throw error
        }
        closeAll(stdinPipe.read, stdoutPipe.write, stderrPipe.write)
        control.started(pid)

        var output = Output()
        let deadline = now() + nanoseconds(spec.timeout)
        var killedAt: UInt64?
        var stdinFD: Int32 = stdinPipe.write
        var stdoutFD: Int32 = stdoutPipe.read
        var stderrFD: Int32 = stderrPipe.read
        for fd in [stdinFD, stdoutFD, stderrFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var written = 0
        if spec.input.isEmpty {
            close(stdinFD)
            stdinFD = -1
        }
        let chunkSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { buffer.deallocate() }

        func killOnce() {
            if killedAt == nil {
                killGroup(pid)
                killedAt = now()
            }
        }

        while stdoutFD >= 0 || stderrFD >= 0 {
            var fds: [pollfd] = []
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            let current = now()
            var waitMilliseconds: Int32
            if let killedAt {
                // Killed: give descendants that escaped the group a moment, then stop waiting for end of file.
                if current > killedAt + 1_000_000_000 { break }
                waitMilliseconds = 100
            } else if current >= deadline {
                output.timedOut = true
                killOnce()
                continue
            } else {
                waitMilliseconds = Int32(min(UInt64(1000), (deadline - current) / 1_000_000 + 1))
            }
            if control.isCancelled { killOnce() }
            let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinFD {
                    let remaining = spec.input.count - written
                    let count = spec.input.withUnsafeBytes { bytes in
                        write(stdinFD, bytes.baseAddress! + written, min(remaining, chunkSize))
                    }
                    if count > 0 {
                        written += count
                    } else if count < 0 && errno != EAGAIN && errno != EINTR {
                        // EPIPE: the child stopped reading. Swallow the pending SIGPIPE of this thread.
                        var none = timespec()
                        sigtimedwait(&blocked, nil, &none)
                        written = spec.input.count
                    }
                    if written >= spec.input.count {
                        close(stdinFD)
                        stdinFD = -1
                    }
                } else {
                    let count = read(entry.fd, buffer, chunkSize)
                    if count > 0 {
                        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
                        if entry.fd == stdoutFD {
                            let room = spec.maximumOutput - output.standardOutput.count
                            if room < count { output.outputTruncated = true }
                            if room > 0 { output.standardOutput.append(contentsOf: bytes.prefix(room)) }
                        } else {
                            output.standardError.append(contentsOf: bytes)
                            if output.standardError.count > 128 * 1024 {
                                output.standardError = output.standardError.suffix(64 * 1024)
                            }
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        close(entry.fd)
                        if entry.fd == stdoutFD { stdoutFD = -1 } else { stderrFD = -1 }
                    }
                }
            }
        }
        closeAll(stdinFD, stdoutFD, stderrFD)

        // Reap the child; it may still be running after closing its output, so keep the deadline.
        var status: Int32 = 0
        var pause: UInt32 = 50
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { break }
            if control.isCancelled { killOnce() }
            if killedAt == nil && now() >= deadline {
                output.timedOut = true
                killOnce()
            }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
        // Anything left in the group (a grandchild that kept running) goes too after a timeout or cancellation.
        if killedAt != nil { killGroup(pid) }
        output.termination = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
        if control.isCancelled { throw CancellationError() }
        return output
    }

    private static func closeAll(_ fds: Int32...) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Spawns a process with the given descriptors as its stdin, stdout and stderr, in a new process group
    /// (or, with `newSession`, a new session), with default signal handling and an empty signal mask.
    /// Package-wide: the local CPI's agents and the director's daemons (the local nats-server) start through it too.
    package static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], workingDirectory: String?,
        standardIO: (Int32, Int32, Int32), newSession: Bool
    ) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, standardIO.0, 0)
        posix_spawn_file_actions_adddup2(&actions, standardIO.1, 1)
        posix_spawn_file_actions_adddup2(&actions, standardIO.2, 2)
        GlibcExtensions.addCloseFrom(&actions, 3)
        if let workingDirectory {
            let result = GlibcExtensions.addChdir(&actions, workingDirectory)
            guard result == 0 else { throw SpawnError(errno: result, operation: "chdir \(workingDirectory)") }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        if newSession {
            flags |= GlibcExtensions.spawnSetSID
        } else {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        var result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: an executable that was just written can still be open for writing in a child that another
        // thread forked at that moment; the descriptor closes on that child's exec, so retry briefly.
        var attempts = 0
        while result == ETXTBSY && attempts < 50 {
            attempts += 1
            usleep(20_000)
            result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        guard result == 0 else { throw SpawnError(errno: result, operation: "spawn \(executable)") }
        return pid
    }
}
