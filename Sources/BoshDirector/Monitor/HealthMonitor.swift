import AgentProtocol
import Foundation
import Logging
import NatsClient

/// The health monitor of the local director: listens to agents' heartbeats and alerts on NATS, reports
/// failing jobs, calls an agent unresponsive after ``HealthMonitorConfiguration/agentTimeout`` without a
/// heartbeat, and resurrects its instance (delete VM, create VM, apply, start) through ``LocalDirector``.
///
/// Every alert is passed to `alerts` as one line, as the HM's logger plugin prints them. The clock is injected.
public struct HealthMonitor<C: Clock>: Sendable where C.Duration == Duration {
    /// The director it watches for.
    public let director: LocalDirector
    /// Timeouts and behaviour.
    public let configuration: HealthMonitorConfiguration
    /// The clock.
    public let clock: C
    /// Receives alert lines.
    public let alerts: @Sendable (String) -> Void
    /// Makes the task output of each resurrection.
    public let output: @Sendable () async throws -> TaskOutput

    /// Creates a monitor.
    public init(
        director: LocalDirector, configuration: HealthMonitorConfiguration = HealthMonitorConfiguration(), clock: C,
        output: @escaping @Sendable () async throws -> TaskOutput, alerts: @escaping @Sendable (String) -> Void
    ) {
        self.director = director
        self.configuration = configuration
        self.clock = clock
        self.output = output
        self.alerts = alerts
    }

    /// Runs until the calling task is cancelled.
    public func run() async throws {
        let tracker = AgentTracker(clock: clock)
        let heartbeats = try await director.nats.subscribe(to: "hm.agent.heartbeat.*")
        let agentAlerts = try await director.nats.subscribe(to: "hm.agent.alert.*")
        let shutdowns = try await director.nats.subscribe(to: "hm.agent.shutdown.*")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in heartbeats {
                    let agentID = String(message.subject.split(separator: ".").last ?? "")
                    guard let beat = try? JSONDecoder().decode(Heartbeat.self, from: Data(message.bytes)) else { continue }
                    let change = await tracker.heartbeat(agentID, jobState: beat.jobState)
                    do {
                        try await director.store.recordHeartbeat(
                            agentID: agentID, deployment: beat.deployment, job: beat.job, index: beat.index, jobState: beat.jobState)
                    } catch {
                        director.logger.warning("recording a heartbeat failed", metadata: ["agent_id": "\(agentID)", "error": "\(error)"])
                    }
                    if change.changed, beat.jobState == "failing" || (change.previous == "failing" && beat.jobState == "running") {
                        let name = "\(beat.job ?? "?")/\(beat.nodeID) (\(beat.index.map(String.init) ?? "?"))"
                        alerts("Alert: \(beat.jobState == "failing" ? "critical" : "ok"): \(name) job_state \(beat.jobState) (deployment \(beat.deployment))")
                    }
                }
            }
            group.addTask {
                for await message in agentAlerts {
                    if let alert = try? JSONDecoder().decode(Alert.self, from: Data(message.bytes)) {
                        alerts("Alert: \(alert.severity.rawValue): \(alert.title): \(alert.summary)")
                    }
                }
            }
            group.addTask {
                for await message in shutdowns {
                    await tracker.shutdown(String(message.subject.split(separator: ".").last ?? ""))
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await clock.sleep(for: configuration.checkInterval)
                    await check(tracker)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// One scan: every recorded instance whose agent went silent is reported and, if configured, recreated.
    func check(_ tracker: AgentTracker<C>) async {
        guard let names = try? await director.store.deploymentNames() else { return }
        let paused = (try? await director.store.isResurrectionPaused()) ?? false
        for name in names {
            guard let record = try? await director.store.deployment(name), record.manifest != nil else { continue }
            for instance in record.instances where !instance.isPending && !instance.isIgnored {
                guard let agentID = instance.agentID, instance.vmCID != nil,
                    await tracker.isUnresponsive(agentID, timeout: configuration.agentTimeout)
                else { continue }
                alerts("Alert: critical: \(instance.displayName) has an unresponsive agent (no heartbeat for \(configuration.agentTimeout)) in deployment '\(name)'")
                guard configuration.resurrect, !paused else { continue }
                do {
                    let task = try await output()
                    do {
                        try await director.withTaskLog(task) {
                            try await director.recreate(deployment: name, instanceID: instance.id, skipDrain: true, output: task)
                        }
                        task.end(.done)
                        await director.endTask(task.taskID)
                    } catch {
                        task.error("\(error)")
                        task.end(.error)
                        await director.endTask(task.taskID, error: error)
                        throw error
                    }
                    await tracker.forget(agentID)
                    alerts("Alert: ok: resurrected \(instance.displayName) in deployment '\(name)'")
                } catch {
                    alerts("Alert: critical: resurrecting \(instance.displayName) failed: \(error)")
                    await tracker.forget(agentID)  // try again after another timeout
                }
            }
        }
    }
}
