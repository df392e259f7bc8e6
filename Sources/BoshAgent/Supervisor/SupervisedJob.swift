/// A job and the processes its monit file declares, as handed to ``ProcessSupervisor/configure(_:)``.
public struct SupervisedJob: Sendable, Hashable {
    /// The job name (`var/vcap/jobs/<name>`).
    public var name: String
    /// Its processes.
    public var processes: [MonitProcess]

    /// Creates a job.
    public init(name: String, processes: [MonitProcess]) {
        self.name = name
        self.processes = processes
    }
}

/// The supervisor's timing, like monit's: poll interval, restart backoff, start and stop timeouts.
public struct SupervisorOptions: Sendable {
    /// How often pidfiles are checked (monit's cycle; 250 ms here).
    public var pollInterval: Duration
    /// The pause before the first restart of a process that died; it doubles per failure up to ``maximumBackoff``.
    public var initialBackoff: Duration
    /// The longest pause between restarts.
    public var maximumBackoff: Duration
    /// How long a started process may take to appear in its pidfile before it counts as failed and is started again.
    public var startTimeout: Duration
    /// How long a `stop program` may run.
    public var stopProgramTimeout: Duration
    /// How long a process has after SIGTERM before SIGKILL.
    public var terminationGrace: Duration

    /// Creates options.
    public init(
        pollInterval: Duration = .milliseconds(250), initialBackoff: Duration = .milliseconds(500),
        maximumBackoff: Duration = .seconds(8), startTimeout: Duration = .seconds(30),
        stopProgramTimeout: Duration = .seconds(30), terminationGrace: Duration = .seconds(5)
    ) {
        self.pollInterval = pollInterval
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.startTimeout = startTimeout
        self.stopProgramTimeout = stopProgramTimeout
        self.terminationGrace = terminationGrace
    }
}
