import Synchronization
import Testing
import ManifestModel
import Scheduler

/// A clock that never really sleeps: each sleep advances its time at once, so watch times cost nothing.
final class TestClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }
    private let lock = Mutex(Duration.zero)
    var now: Instant { Instant(offset: lock.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        lock.withLock { $0 = max($0, deadline.offset) }
        await Task.yield()
    }
}

/// Records what the executor does.
final class Recorder: Sendable {
    private let state = Mutex((events: [String](), running: 0, peak: 0))
    func log(_ s: String) { state.withLock { $0.events.append(s) } }
    func enter() { state.withLock { $0.running += 1; $0.peak = max($0.peak, $0.running) } }
    func leave() { state.withLock { $0.running -= 1 } }
    var events: [String] { state.withLock { $0.events } }
    var peak: Int { state.withLock { $0.peak } }
}

/// The executor, against the director's updater behaviour (`instance_group_updater_spec.rb`).
@Suite struct ExecutorTests {
    private func updatePlan(_ instances: Int, azs: [String] = ["z1"], canaries: Int = 1, maxInFlight: String = "2") throws -> UpdatePlan {
        try DeploymentPlanner(
            manifest: try manifest(group("web", instances: instances, azs: azs), update: "canaries: \(canaries)\n  max_in_flight: \"\(maxInFlight)\"\n  canary_watch_time: 1000-30000\n  update_watch_time: 5000"),
            cloudConfig: try cloudConfig()
        ).plan().update
    }

    @Test func canariesFinishBeforeTheRestStarts() async throws {
        let recorder = Recorder()
        let report = await UpdateExecutor(clock: TestClock()).run(try updatePlan(5, canaries: 2)) { u in
            recorder.log("start \(u.target) \(u.kind.rawValue)")
            await Task.yield()
            recorder.log("end \(u.target)")
        }
        #expect(report.outcome == .succeeded)
        let events = recorder.events
        let lastCanaryEnd = events.lastIndex { $0 == "end web/0" || $0 == "end web/1" }!
        let firstInstance = events.firstIndex { $0.hasSuffix(" instance") }!
        #expect(lastCanaryEnd < firstInstance)
        #expect(report.finished.count == 5)
    }

    @Test func maxInFlightIsHonouredExactly() async throws {
        let recorder = Recorder()
        let report = await UpdateExecutor(clock: TestClock()).run(try updatePlan(12, canaries: 0, maxInFlight: "3")) { _ in
            recorder.enter()
            // Give others every chance to start (boundedly): the peak must reach 3 and never exceed it.
            for _ in 0..<100_000 where recorder.peak < 3 { await Task.yield() }
            for _ in 0..<20 { await Task.yield() }
            recorder.leave()
        }
        #expect(report.outcome == .succeeded)
        #expect(recorder.peak == 3)
    }

    @Test func aFailingCanaryStopsTheDeploy() async throws {
        // Director: a canary failure raises; no further instances or groups are started.
        struct Boom: Error {}
        let report = await UpdateExecutor(clock: TestClock()).run(try updatePlan(6, canaries: 1)) { u in
            if u.kind == .canary { throw Boom() }
        }
        guard case .failed(let target, _) = report.outcome else { Issue.record("expected failure"); return }
        #expect(target.description == "web/0")
        #expect(report.finished.isEmpty)
        #expect(report.notStarted.count == 5)
    }

    @Test func aFailureLetsInFlightInstancesFinishAndStartsNothingNew() async throws {
        struct Boom: Error {}
        let report = await UpdateExecutor(clock: TestClock()).run(try updatePlan(8, canaries: 0, maxInFlight: "2")) { u in
            if u.target.index == 2 { throw Boom() }
            for _ in 0..<5 { await Task.yield() }
        }
        guard case .failed(let target, _) = report.outcome else { Issue.record("expected failure"); return }
        #expect(target.index == 2)
        #expect(report.finished.count + report.failed.count + report.notStarted.count == 8)
        #expect(report.notStarted.count >= 4)
    }

    @Test func cancellationFinishesInFlightAndStartsNothingNew() async throws {
        let recorder = Recorder()
        let plan = try updatePlan(10, canaries: 0, maxInFlight: "2")
        let started = AsyncStream<Void>.makeStream()
        let released = Mutex(false)
        let task = Task {
            await UpdateExecutor(clock: TestClock()).run(plan) { u in
                recorder.log("start \(u.target)")
                started.continuation.yield()
                while !released.withLock({ $0 }) { await Task.yield() }
                recorder.log("end \(u.target)")
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        _ = await iterator.next()
        _ = await iterator.next()
        task.cancel()
        released.withLock { $0 = true }
        let report = await task.value
        #expect(report.outcome == .cancelled)
        #expect(report.finished.count == 2)
        #expect(report.notStarted.count == 8)
        #expect(recorder.events.filter { $0.hasPrefix("end") }.count == 2)
    }

    @Test func watchTimesPollOnTheInjectedClock() async throws {
        let clock = TestClock()
        let checks = Recorder()
        let report = await UpdateExecutor(clock: clock).run(
            try updatePlan(1, canaries: 1),
            isRunning: { _ in
                checks.log("check")
                return checks.events.count >= 3
            }
        ) { _ in }
        #expect(report.outcome == .succeeded)
        #expect(checks.events.count == 3)
        // canary_watch_time 1000-30000: 1000 ms, then 3222.2 ms steps.
        #expect(clock.now.offset == .milliseconds(1000) + .microseconds(3_222_222) * 2)
    }

    @Test func anInstanceThatNeverRunsFailsAfterItsWatchTime() async throws {
        let clock = TestClock()
        let report = await UpdateExecutor(clock: clock).run(try updatePlan(2, canaries: 1), isRunning: { _ in false }) { _ in }
        guard case .failed(_, let message) = report.outcome else { Issue.record("expected failure"); return }
        #expect(message == "'web/0' is not running after update. Review logs for failed jobs")
        #expect(clock.now.offset >= .seconds(29))
        #expect(report.notStarted.map(\.description) == ["web/1"])
    }

    @Test func progressEventsArriveInOrder() async throws {
        let recorder = Recorder()
        _ = await UpdateExecutor(clock: TestClock()).run(try updatePlan(2, canaries: 1), events: { recorder.log($0.description) }) { _ in }
        #expect(recorder.events == [
            "group web started", "canary web/0 started", "canary web/0 finished", "instance web/1 started",
            "instance web/1 finished", "group web finished",
        ])
    }

    @Test func obsoleteInstancesAreDeletedFirst() async throws {
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z1"), existing("web", 2, "z1")])
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 1, azs: ["z1"])), cloudConfig: try cloudConfig())
            .plan(state: state, options: PlanOptions(recreate: true)).update
        let recorder = Recorder()
        _ = await UpdateExecutor(clock: TestClock()).run(plan) { u in recorder.log("\(u.kind.rawValue) \(u.target)") }
        #expect(recorder.events.prefix(2).allSatisfy { $0.hasPrefix("delete") })
        #expect(recorder.events.last == "canary web/0")
    }
}

/// A failure in one instance group stops the deploy: later groups never start (`multi_instance_group_updater.rb`).
@Suite struct ExecutorDeployTests {
    @Test func aFailedGroupStopsLaterGroups() async throws {
        struct Boom: Error {}
        let plan = try DeploymentPlanner(
            manifest: try manifest(group("db", instances: 2, azs: ["z1"]) + group("web", instances: 2, azs: ["z1"])),
            cloudConfig: try cloudConfig()
        ).plan().update
        #expect(plan.stages.map { $0.map(\.name) } == [["db"], ["web"]])
        let recorder = Recorder()
        let report = await UpdateExecutor(clock: TestClock()).run(plan, events: { recorder.log($0.description) }) { u in
            if u.target.group == "db" && u.kind == .instance { throw Boom() }
        }
        guard case .failed(let target, _) = report.outcome else { Issue.record("expected failure"); return }
        #expect(target.description == "db/1")
        #expect(!recorder.events.contains("group web started"))
        #expect(report.notStarted.map(\.description) == ["web/0", "web/1"])
    }

    @Test func parallelGroupsRunTogether() async throws {
        let groups = group("a", instances: 1, azs: ["z1"], extra: "  update: {serial: false}")
            + group("b", instances: 1, azs: ["z1"], extra: "  update: {serial: false}")
        let plan = try DeploymentPlanner(manifest: try manifest(groups), cloudConfig: try cloudConfig()).plan().update
        #expect(plan.stages.map { $0.map(\.name) } == [["a", "b"]])
        let recorder = Recorder()
        let report = await UpdateExecutor(clock: TestClock()).run(plan) { _ in
            recorder.enter()
            // Wait (boundedly) for the other group's instance: only possible if both run at once.
            for _ in 0..<100_000 where recorder.peak < 2 { await Task.yield() }
            recorder.leave()
        }
        #expect(report.outcome == .succeeded)
        #expect(recorder.peak == 2)
    }
}
