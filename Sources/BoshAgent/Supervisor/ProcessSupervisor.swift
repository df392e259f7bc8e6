import AgentProtocol
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Runs and watches job processes like monit does for a BOSH VM.
///
/// Each process's `start program` runs with `/bin/sh -c` (output appended to
/// `var/vcap/sys/log/<job>/<process>.log`); its pidfile is then checked every
/// ``SupervisorOptions/pollInterval``. A process that dies while it should run is marked failing and started
/// again after a backoff that doubles per failure (reset after 30 s of running). ``stopAll()`` runs each
/// `stop program`, then sends SIGTERM to the pid still alive and SIGKILL after a grace period.
public actor ProcessSupervisor {
    /// A process's state as `get_state` lists it.
    enum Status: String, Sendable {
        case stopped, starting, running, failing
    }

    struct Watched: Sendable {
        var job: String
        var definition: MonitProcess
        /// Whether the process should run (after start, until stop).
        var wanted = false
        var status: Status = .stopped
        var pid: pid_t?
        var runningSince: ContinuousClock.Instant?
        /// The `/bin/sh -c <start program>` child, until reaped.
        var launcher: pid_t?
        var launcherEnd: Subprocess.Termination?
        /// When the current start attempt began; `nil` when none is under way.
        var launchedAt: ContinuousClock.Instant?
        var nextStart: ContinuousClock.Instant?
        var failures = 0
        var starts = 0
    }

    private let layout: AgentLayout
    private let options: SupervisorOptions
    private let logger: Logger
    private let clock = ContinuousClock()
    private var watched: [Watched] = []
    private var poller: Task<Void, Never>?
    private var stopRequested = false

    /// A supervisor for the jobs under `layout`.
    public init(layout: AgentLayout, options: SupervisorOptions = SupervisorOptions(), logger: Logger) {
        self.layout = layout
        self.options = options
        self.logger = logger
    }

    /// Sets the jobs to supervise. Processes that keep their job and name keep their state; processes that are
    /// gone are stopped; new ones wait for ``startAll()``.
    public func configure(_ jobs: [SupervisedJob]) async {
        var remaining = watched
        var next: [Watched] = []
        for job in jobs {
            for process in job.processes {
                if let index = remaining.firstIndex(where: { $0.job == job.name && $0.definition.name == process.name }) {
                    var kept = remaining.remove(at: index)
                    kept.definition = process
                    next.append(kept)
                } else {
                    next.append(Watched(job: job.name, definition: process))
                }
            }
        }
        watched = next
        await terminate(remaining)
    }

    /// Starts every process that is not running yet (a process whose pidfile names a live pid counts as running).
    public func startAll() {
        stopRequested = false
        let now = clock.now
        for index in watched.indices where !watched[index].wanted {
            watched[index].wanted = true
            watched[index].failures = 0
            watched[index].status = .starting
            watched[index].launchedAt = nil
            watched[index].nextStart = now
        }
        ensurePolling()
        tick()
    }

    /// Stops every process: `stop program`, then SIGTERM and, after the grace period, SIGKILL to what is left.
    public func stopAll() async {
        stopRequested = true
        let stopping = watched
        // From here on `terminate` is the only reaper of the launchers (the poller would race it for their status).
        for index in watched.indices {
            watched[index].wanted = false
            watched[index].launcher = nil
        }
        await terminate(stopping)
        for index in watched.indices where !watched[index].wanted {
            watched[index].status = .stopped
            watched[index].pid = nil
            watched[index].launcher = nil
            watched[index].launchedAt = nil
            watched[index].runningSince = nil
        }
    }

    /// Stops every process and the pidfile polling.
    public func shutdown() async {
        await stopAll()
        poller?.cancel()
        poller = nil
    }

    /// `running` when every process runs (or there are none), `stopped` after ``stopAll()`` or before any start,
    /// `failing` when any process that should run does not.
    public var jobState: String {
        if watched.isEmpty { return stopRequested ? "stopped" : "running" }
        if watched.allSatisfy({ !$0.wanted }) { return "stopped" }
        return watched.allSatisfy({ $0.status == .running }) ? "running" : "failing"
    }

    /// How many processes are supervised.
    public var processCount: Int { watched.count }

    /// The supervised processes with state, uptime and memory, as `get_state` lists them.
    public var processes: [AgentProcess] {
        let now = clock.now
        let totalMemory = VitalsSampler.memoryTotalKB()
        return watched.map { process in
            var entry = AgentProcess(name: process.definition.name, state: process.status.rawValue)
            if process.status == .running, let since = process.runningSince {
                entry.uptime = .init(secs: Int((now - since).components.seconds))
            }
            if process.status == .running, let pid = process.pid, let kb = Self.residentKB(pid) {
                let percent = totalMemory > 0 ? Double(kb) * 100 / Double(totalMemory) : 0
                entry.mem = .init(kb: kb, percent: (percent * 10).rounded() / 10)
                entry.cpu = .init(total: 0)
            }
            return entry
        }
    }

    /// The pid of a running process (`nil` when it does not run), by job and process name.
    public func pid(job: String, process: String) -> Int32? {
        watched.first { $0.job == job && $0.definition.name == process && $0.status == .running }?.pid
    }

    // MARK: Watching

    private func ensurePolling() {
        guard poller == nil else { return }
        let interval = options.pollInterval
        poller = Task { [weak self] in
            while !Task.isCancelled {
                guard await self?.tick() != nil else { return }
                try? await Task.sleep(for: interval)
            }
        }
    }

    @discardableResult
    private func tick() -> Bool {
        let now = clock.now
        for index in watched.indices {
            var process = watched[index]
            if let launcher = process.launcher, let end = Subprocess.reap(launcher) {
                process.launcher = nil
                process.launcherEnd = end
            }
            if process.wanted { check(&process, now: now) }
            watched[index] = process
        }
        return true
    }

    private func check(_ process: inout Watched, now: ContinuousClock.Instant) {
        let name = "\(process.job)/\(process.definition.name)"
        let pid = Self.readPID(process.definition.pidfile)
        if let pid, Subprocess.isAlive(pid) {
            if process.status != .running {
                logger.info("process running", metadata: ["process": "\(name)", "pid": "\(pid)"])
                process.status = .running
                process.runningSince = now
            }
            process.pid = pid
            process.launchedAt = nil
            if let since = process.runningSince, now - since > .seconds(30) { process.failures = 0 }
            return
        }
        switch process.status {
        case .running:
            let delay = backoff(process.failures)
            logger.warning(
                "process exited unexpectedly; restarting",
                metadata: ["process": "\(name)", "pid": "\(process.pid ?? 0)", "after": "\(delay)"])
            schedule(&process, after: delay, now: now)
        case .starting:
            guard let launchedAt = process.launchedAt else {
                if process.nextStart.map({ $0 <= now }) ?? true { launch(&process, now: now) }
                return
            }
            if let end = process.launcherEnd, !end.succeeded {
                logger.warning(
                    "start program failed", metadata: ["process": "\(name)", "status": "\(end)"])
                schedule(&process, after: backoff(process.failures), now: now)
            } else if now - launchedAt > options.startTimeout {
                logger.warning("process did not start in time", metadata: ["process": "\(name)"])
                schedule(&process, after: backoff(process.failures), now: now)
            }
        case .failing, .stopped:
            if process.nextStart.map({ $0 <= now }) ?? true { launch(&process, now: now) }
        }
    }

    private func schedule(_ process: inout Watched, after delay: Duration, now: ContinuousClock.Instant) {
        process.status = .failing
        process.pid = nil
        process.runningSince = nil
        process.launchedAt = nil
        process.nextStart = now + delay
        process.failures += 1
    }

    private func backoff(_ failures: Int) -> Duration {
        var delay = options.initialBackoff
        for _ in 0..<min(failures, 16) where delay < options.maximumBackoff { delay = delay * 2 }
        return min(delay, options.maximumBackoff)
    }

    private func launch(_ process: inout Watched, now: ContinuousClock.Instant) {
        let log = layout.sysLog.appendingPathComponent(process.job)
        try? FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let output = log.appendingPathComponent("\(process.definition.name).log").path
        process.starts += 1
        logger.info(
            "starting process",
            metadata: ["process": "\(process.job)/\(process.definition.name)", "attempt": "\(process.starts)"])
        do {
            process.launcher = try Subprocess.start(
                ["/bin/sh", "-c", process.definition.startProgram], environment: jobEnvironment(process.job),
                directory: "/", output: output)
            process.launcherEnd = nil
            process.status = .starting
            process.launchedAt = now
        } catch {
            logger.error("cannot run start program", metadata: ["process": "\(process.definition.name)", "error": "\(error)"])
            schedule(&process, after: backoff(process.failures), now: now)
        }
    }

    private func jobEnvironment(_ job: String) -> [String: String] {
        Subprocess.environment(["BOSHKIT_VM_DIR": layout.root.path, "BOSH_JOB_NAME": job])
    }

    // MARK: Stopping

    private func terminate(_ processes: [Watched]) async {
        guard !processes.isEmpty else { return }
        let options = self.options
        let layout = self.layout
        let logger = self.logger
        let environments = processes.map { jobEnvironment($0.job) }
        await withTaskGroup(of: Void.self) { group in
            for (process, environment) in zip(processes, environments) {
                group.addTask {
                    await Self.terminate(process, options: options, layout: layout, environment: environment, logger: logger)
                }
            }
        }
    }

    private static func terminate(
        _ process: Watched, options: SupervisorOptions, layout: AgentLayout, environment: [String: String],
        logger: Logger
    ) async {
        let name = "\(process.job)/\(process.definition.name)"
        if let stop = process.definition.stopProgram, process.wanted || process.status != .stopped || anyAlive(process) {
            let output = layout.sysLog.appendingPathComponent(process.job)
                .appendingPathComponent("\(process.definition.name).log").path
            do {
                let end = try await Subprocess.run(
                    ["/bin/sh", "-c", stop], environment: environment, directory: "/", output: output,
                    timeout: options.stopProgramTimeout)
                if !end.succeeded { logger.warning("stop program failed", metadata: ["process": "\(name)", "status": "\(end)"]) }
            } catch {
                logger.warning("cannot run stop program", metadata: ["process": "\(name)", "error": "\(error)"])
            }
        }
        var pids = Set([readPID(process.definition.pidfile), process.pid, process.launcher].compactMap { $0 })
        pids = pids.filter(Subprocess.isAlive)
        for pid in pids { kill(pid, SIGTERM) }
        let clock = ContinuousClock()
        let deadline = clock.now + options.terminationGrace
        while clock.now < deadline {
            if let launcher = process.launcher { _ = Subprocess.reap(launcher) }
            pids = pids.filter(Subprocess.isAlive)
            if pids.isEmpty { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        for pid in pids where Subprocess.isAlive(pid) {
            logger.warning("process ignored SIGTERM; killing it", metadata: ["process": "\(name)", "pid": "\(pid)"])
            kill(pid, SIGKILL)
        }
        // SIGKILL is delivered asynchronously: wait (briefly) until the processes are gone.
        let killDeadline = clock.now + .seconds(2)
        while !pids.isEmpty, clock.now < killDeadline {
            if let launcher = process.launcher { _ = Subprocess.reap(launcher) }
            pids = pids.filter(Subprocess.isAlive)
            if !pids.isEmpty { try? await Task.sleep(for: .milliseconds(10)) }
        }
        if let launcher = process.launcher, Subprocess.reap(launcher) == nil {
            kill(launcher, SIGKILL)
            _ = await Subprocess.wait(launcher)
        }
        if !pids.isEmpty || process.status == .running {
            logger.info("process stopped", metadata: ["process": "\(name)"])
        }
    }

    private static func anyAlive(_ process: Watched) -> Bool {
        [readPID(process.definition.pidfile), process.pid, process.launcher].compactMap { $0 }.contains(where: Subprocess.isAlive)
    }

    /// The pid in a pidfile, if it holds one.
    static func readPID(_ path: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func residentKB(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        }
        return nil
    }
}
