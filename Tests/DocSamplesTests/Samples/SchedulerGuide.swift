// The Swift samples of Documentation/Scheduler.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import Logging
import ManifestModel
import Scheduler

/// Stands in for a director's agent client.
fileprivate struct AgentHandle: Sendable {
    func isRunning() async throws -> Bool { true }
}
fileprivate func agent(for target: UpdateTarget) -> AgentHandle { AgentHandle() }
fileprivate func deleteVM(_ target: UpdateTarget) async throws {}
fileprivate func apply(_ target: UpdateTarget, strategy: String) async throws {}

enum SchedulerGuide {
    static func plan(manifest: DeploymentManifest, cloud: CloudConfig, links: LinkCatalog, packages: PackageCatalog, current: DeploymentState) async throws {
        let planner = DeploymentPlanner(manifest: manifest, cloudConfig: cloud,
                                        linkCatalog: links, packageCatalog: packages)   // both optional
        let plan = try planner.plan(state: current, options: PlanOptions(recreate: false))
        print(PlanRenderer.text(plan))
    }

    static func execute(logger: Logger, plan: DeploymentPlan) async throws {
        let executor = UpdateExecutor(clock: ContinuousClock(), logger: logger)
        let report = await executor.run(plan.update, events: { print($0) },
                                        isRunning: { try await agent(for: $0.target).isRunning() }) { update in
            switch update.kind {
            case .delete: try await deleteVM(update.target)
            case .canary, .instance: try await apply(update.target, strategy: update.vmStrategy)
            }
        }
        _ = report
    }
}
