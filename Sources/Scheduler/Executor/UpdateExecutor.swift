import Logging

/// Runs an ``UpdatePlan`` through a caller-supplied action per instance, as the director's update stage does:
/// removed groups' instances first, then stage by stage (parallel groups together), each group deleting its
/// obsolete instances, then per AZ its canaries and the rest, never more than `max_in_flight` at once.
///
/// The first failure (a canary or any other instance) stops the deploy: in-flight instances finish, nothing
/// new starts, already-updated instances stay updated. Cancelling the calling task does the same. Watch
/// times run on the injected clock, so tests can use a clock that does not really sleep.
///
/// ```swift
/// let executor = UpdateExecutor(clock: ContinuousClock())
/// let report = await executor.run(plan.update) { update in
///     try await director.apply(update.target)
/// }
/// ```
public struct UpdateExecutor<C: Clock>: Sendable where C.Duration == Duration {
    /// The clock watch-time waits sleep on.
    public let clock: C
    /// How many removed-group instances are deleted at once (the director's `max_threads`).
    public let maxThreads: Int
    /// Where progress is logged (info for groups, debug for instances).
    public let logger: Logger

    /// Creates an executor.
    /// - Parameters:
    ///   - clock: The clock to wait on between watch checks (`ContinuousClock()` in production).
    ///   - maxThreads: Concurrency for deleting instances of removed groups.
    ///   - logger: Receives progress messages.
    public init(clock: C, maxThreads: Int = 32, logger: Logger = Logger(label: "boshkit.scheduler.executor")) {
        self.clock = clock
        self.maxThreads = max(1, maxThreads)
        self.logger = logger
    }

    /// Runs `plan`.
    /// - Parameters:
    ///   - plan: The update plan.
    ///   - events: Called for every progress event, from any task.
    ///   - isRunning: Checked after each watch-time wait once the action returned; `nil` skips watching.
    ///   - action: Deletes or updates one instance; throwing fails the instance.
    /// - Returns: What happened; never throws (failures are in the report).
    public func run(
        _ plan: UpdatePlan,
        events: @escaping @Sendable (UpdateEvent) -> Void = { _ in },
        isRunning: (@Sendable (InstanceUpdate) async throws -> Bool)? = nil,
        action: @escaping @Sendable (InstanceUpdate) async throws -> Void
    ) async -> UpdateReport {
        let run = Run(clock: clock, logger: logger, events: events, isRunning: isRunning, action: action)
        var all: [InstanceUpdate] = plan.preCleanup.map { .init(target: $0, kind: .delete, watchTime: nil, vmStrategy: "delete-create") }
        await run.pool(all, limit: maxThreads)
        for stage in plan.stages {
            guard await run.mayStart() else { break }
            await withTaskGroup(of: Void.self) { tasks in
                for group in stage { tasks.addTask { await run.update(group) } }
            }
        }
        for group in plan.groups { all += Run.work(group).flatMap(\.items) }
        let state = await run.control.snapshot()
        if Task.isCancelled && state.failures.isEmpty { events(.cancelled) }
        let started = state.started
        let outcome: UpdateReport.Outcome =
            if let first = state.failures.first { .failed(first.target, message: first.message) }
            else if started.count < all.count { .cancelled }
            else { .succeeded }
        return UpdateReport(
            outcome: outcome, finished: state.finished, failed: state.failures,
            notStarted: all.filter { !started.contains($0) }.map(\.target))
    }
}

/// Shared state of one run: what started, finished and failed.
actor ExecutionControl {
    struct Snapshot {
        var started: Set<InstanceUpdate>
        var finished: [UpdateTarget]
        var failures: [(target: UpdateTarget, message: String)]
    }
    private var state = Snapshot(started: [], finished: [], failures: [])

    var stopped: Bool { !state.failures.isEmpty }
    func start(_ u: InstanceUpdate) { state.started.insert(u) }
    func finish(_ u: InstanceUpdate) { state.finished.append(u.target) }
    func fail(_ u: InstanceUpdate, _ message: String) { state.failures.append((u.target, message)) }
    func snapshot() -> Snapshot { state }
}

extension UpdateExecutor {
    /// One run's collaborators.
    struct Run: Sendable {
        let clock: C
        let logger: Logger
        let events: @Sendable (UpdateEvent) -> Void
        let isRunning: (@Sendable (InstanceUpdate) async throws -> Bool)?
        let action: @Sendable (InstanceUpdate) async throws -> Void
        let control = ExecutionControl()

        func mayStart() async -> Bool {
            if Task.isCancelled { return false }
            return await !control.stopped
        }

        /// A group's work as pools run one after another: deletions, then per AZ canaries and the rest.
        static func work(_ group: GroupUpdate) -> [(items: [InstanceUpdate], limit: Int)] {
            func items(_ targets: [UpdateTarget], _ kind: InstanceUpdate.Kind) -> [InstanceUpdate] {
                targets.map {
                    InstanceUpdate(
                        target: $0, kind: kind,
                        watchTime: kind == .delete ? nil : kind == .canary ? group.canaryWatchTime : group.updateWatchTime,
                        vmStrategy: group.vmStrategy)
                }
            }
            var work = [(items(group.deletions, .delete), group.deleteMaxInFlight)]
            for az in group.azs {
                work.append((items(az.canaries, .canary), az.maxInFlight))
                work.append((items(az.instances, .instance), az.maxInFlight))
            }
            return work.filter { !$0.0.isEmpty }
        }

        func update(_ group: GroupUpdate) async {
            guard await mayStart() else { return }
            logger.info("updating instance group", metadata: ["group": "\(group.name)"])
            events(.groupStarted(group.name))
            for (items, limit) in Self.work(group) {
                guard await mayStart() else { return }
                await pool(items, limit: limit)
            }
            if await !control.stopped { events(.groupFinished(group.name)) }
        }

        /// Runs `items` with at most `limit` in flight; starts nothing once stopped or cancelled.
        func pool(_ items: [InstanceUpdate], limit: Int) async {
            await withTaskGroup(of: Void.self) { tasks in
                var next = 0
                var running = 0
                while true {
                    while running < limit, next < items.count, await mayStart() {
                        let item = items[next]
                        next += 1
                        running += 1
                        await control.start(item)
                        events(.started(item))
                        // An unstructured task: cancelling the run must not interrupt instances in flight.
                        tasks.addTask { await Task { await self.perform(item) }.value }
                    }
                    if running == 0 { break }
                    await tasks.next()
                    running -= 1
                }
            }
        }

        private func perform(_ item: InstanceUpdate) async {
            logger.debug("instance started", metadata: ["instance": "\(item.target)", "kind": "\(item.kind.rawValue)"])
            do {
                try await action(item)
                if let isRunning, let watch = item.watchTime {
                    var running = false
                    for (attempt, wait) in WatchSchedule(watch).waits.enumerated() {
                        try await clock.sleep(for: wait)
                        events(.watching(item, attempt: attempt + 1))
                        if try await isRunning(item) {
                            running = true
                            break
                        }
                    }
                    if !running { throw NotRunningError(target: item.target) }
                }
                await control.finish(item)
                events(.finished(item))
            } catch {
                let message = String(describing: error)
                logger.error("instance failed", metadata: ["instance": "\(item.target)", "error": "\(message)"])
                await control.fail(item, message)
                events(.failed(item, message: message))
            }
        }
    }
}
