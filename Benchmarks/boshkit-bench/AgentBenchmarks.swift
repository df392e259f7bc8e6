import AgentProtocol
import Foundation
import NatsClient

/// Agent protocol rows against a nats-server started here (``BenchServer``):
/// agent_ping_rtt (one director, one agent, sequential `ping`; p50/p99) and agent_fanout_200 (`get_state` to 200
/// in-process agents at once, time until every reply is in).
enum AgentBenchmarks {
    static let rows = ["agent_ping_rtt", "agent_fanout_200"]

    /// An agent with an empty spec; `ping` is answered by the protocol default.
    struct BenchAgent: AgentHandler {
        let agentID: String
        func getState(full: Bool) async throws -> AgentState { AgentState(agentID: agentID, jobState: "running") }
    }

    static func run(_ runner: BenchRunner) async throws {
        let wanted = rows.filter(runner.wants)
        guard !wanted.isEmpty else { return }
        let server = try await BenchServer.start()
        defer { server.stop() }
        let director = try await NatsClient.connect(to: server.url)
        let client = try await AgentClient.start(nats: director)
        if wanted.contains("agent_ping_rtt") { runner.record(try await pingRTT(client, url: server.url, count: 5_000)) }
        if wanted.contains("agent_fanout_200") { runner.record(try await fanOut(client, url: server.url, agents: 200)) }
        await client.close()
        await director.close()
    }

    static func pingRTT(_ client: AgentClient, url: String, count: Int) async throws -> BenchResult {
        let connection = try await NatsClient.connect(to: url)
        let agent = AgentServer(
            nats: connection, configuration: .init(agentID: "bench-ping", heartbeatInterval: nil),
            handler: BenchAgent(agentID: "bench-ping"))
        try await agent.start()
        for _ in 0..<200 { _ = try await client.ping("bench-ping") }
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try await client.ping("bench-ping")
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        await agent.stop()
        await connection.close()
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[samples.count * 99 / 100]
        return BenchResult(
            name: "agent_ping_rtt", medianNanoseconds: p50, iterations: count,
            extra: [("p50_ns", Double(p50)), ("p99_ns", Double(p99)), ("req_per_s", (1e9 / Double(p50)).rounded())])
    }

    static func fanOut(_ client: AgentClient, url: String, agents count: Int) async throws -> BenchResult {
        var connections: [NatsClient] = []
        for _ in 0..<4 { connections.append(try await NatsClient.connect(to: url)) }
        var agents: [AgentServer] = []
        for i in 0..<count {
            let agent = AgentServer(
                nats: connections[i % connections.count],
                configuration: .init(agentID: "bench-\(i)", heartbeatInterval: nil), handler: BenchAgent(agentID: "bench-\(i)"))
            try await agent.start()
            agents.append(agent)
        }
        var samples: [UInt64] = []
        for round in 0..<23 {
            let start = DispatchTime.now().uptimeNanoseconds
            let answered = try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<count { group.addTask { _ = try await client.getState("bench-\(i)") } }
                return try await group.reduce(0) { total, _ in total + 1 }
            }
            precondition(answered == count)
            if round >= 3 { samples.append(DispatchTime.now().uptimeNanoseconds - start) }  // three warm-up rounds
        }
        for agent in agents { await agent.stop() }
        for connection in connections { await connection.close() }
        let median = BenchRunner.median(samples)
        return BenchResult(
            name: "agent_fanout_200", medianNanoseconds: median, iterations: samples.count,
            extra: [("agents", Double(count)), ("replies_per_s", (Double(count) / (Double(median) / 1e9)).rounded())])
    }
}
