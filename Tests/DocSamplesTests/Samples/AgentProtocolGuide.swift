// The Swift samples of Documentation/AgentProtocol.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import AgentProtocol
import Foundation
import Logging
import NatsClient

fileprivate let agentID = "agent-1"
fileprivate func jobState() -> String { "running" }
fileprivate func install(_ spec: ApplySpec) async throws {}
fileprivate func runDrainScripts(_ type: DrainType) async throws {}

enum AgentProtocolGuide {
    static func directorSide(tls: NatsTLSOptions, logger: Logger, directorUUID: String, agentID: String, spec: ApplySpec, newSpec: ApplySpec) async throws {
        let nats = try await NatsClient.connect(NatsClientOptions(servers: ["tls://10.0.0.6:4222"], tls: tls), logger: logger)
        let agents = try await AgentClient.start(nats: nats, configuration: .init(directorUUID: directorUUID), logger: logger)

        _ = try await agents.ping(agentID, timeout: .seconds(1))
        try await agents.apply(agentID, spec: spec)              // polls get_task until "applied"
        let state = try await agents.getState(agentID, full: true)
        let wait = try await agents.drain(agentID, type: .update, spec: newSpec)
        try await agents.addPersistentDisk(agentID, diskCID: "disk-1", hint: .path("/dev/sdc"))
        _ = (state, wait)
    }

    static func agentSide(logger: Logger, id: String, now: Int64) async throws {
        struct MyAgent: AgentHandler {
            func getState(full: Bool) async throws -> AgentState { AgentState(agentID: agentID, jobState: jobState()) }
            func apply(_ spec: ApplySpec) async throws { try await install(spec) }   // runs as a task, to its end
            func drain(_ type: DrainType, spec: ApplySpec?) async throws -> Int {   // a task cancel_task can cancel
                try await runDrainScripts(type)                                      // (it sees CancellationError)
                return 0
            }
            func heartbeat() async throws -> Heartbeat? { Heartbeat(deployment: "web", jobState: jobState(), nodeID: agentID) }
        }

        let settings = try AgentSettings.read(contentsOf: URL(fileURLWithPath: "/var/vcap/bosh/settings.json"))
        let nats = try await NatsClient.connect(NatsClientOptions(servers: settings.mbusURLs()), logger: logger)
        let server = AgentServer(nats: nats, configuration: .init(agentID: settings.agentID), handler: MyAgent(), logger: logger)
        try await server.start()                                  // subscribes agent.<agent_id>, first heartbeat at once
        try await server.publish(Alert(id: id, title: "…", summary: "…", createdAt: now))
        try await server.publishShutdown()
        await server.stop()
    }
}
