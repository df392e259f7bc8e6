import AgentProtocol
import Foundation
import Logging
import NatsClient

/// An in-memory agent: keeps the applied spec, drains slowly, runs errands until cancelled, sends heartbeats.
actor FakeAgent: AgentHandler {
    let agentID: String
    var spec = ApplySpec()
    /// While true, `drain` waits (so a test can observe the task running).
    private(set) var drainHeld = false
    /// While true, `apply` waits (a running task that `cancel_task` may not cancel).
    private(set) var applyHeld = false
    private(set) var errandCancelled = false
    private(set) var heartbeatsMade = 0

    init(agentID: String) { self.agentID = agentID }

    func holdDrains(_ held: Bool) { drainHeld = held }

    func holdApplies(_ held: Bool) { applyHeld = held }

    func getState(full: Bool) async throws -> AgentState {
        AgentState(
            spec: spec, agentID: agentID, jobState: "running",
            vitals: full ? Vitals(cpu: .init(sys: "1.0"), uptime: .init(seconds: 10)) : nil, vm: VMInfo(name: "vm-\(agentID)"))
    }

    func apply(_ spec: ApplySpec) async throws {
        while applyHeld { try await Task.sleep(for: .milliseconds(5)) }
        self.spec = spec
    }

    func drain(_ type: DrainType, spec: ApplySpec?) async throws -> Int {
        guard type != .status else { throw AgentFailure("Unexpected call with drain type 'status'") }
        while drainHeld { try await Task.sleep(for: .milliseconds(5)) }
        return 0
    }

    func runErrand(_ name: String?) async throws -> ErrandResult {
        do {
            try await Task.sleep(for: .seconds(60))
        } catch {
            errandCancelled = true
            throw error
        }
        return ErrandResult(stdout: "", stderr: "", exitCode: 0)
    }

    func runScript(_ name: String, options: ScriptOptions) async throws {
        throw AgentFailure("script \(name) exited with 1")
    }

    func listDisk() async throws -> [String] { ["disk-1"] }

    func start() async throws { throw AgentFailure("monit is not running") }

    func handle(_ method: AgentMethod, arguments: [JSONValue]) async throws -> JSONValue {
        guard method == "fake-huge-reply" else { throw AgentError.unknownMessage(method) }
        return .string(String(repeating: "x", count: 2 * 1024 * 1024))
    }

    func heartbeat() async throws -> Heartbeat? {
        heartbeatsMade += 1
        return Heartbeat(
            deployment: spec.deployment ?? "", job: spec.name, index: spec.index, jobState: "running",
            vitals: Vitals(uptime: .init(seconds: 1)), nodeID: agentID, numberOfProcesses: 1)
    }
}

struct AgentFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fails with `TimedOut` instead of hanging when `body` takes longer than `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw TimedOut(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

struct TimedOut: Error {
    var seconds: Double
}

/// A director client and agent servers connected to one nats-server, closed at the end.
struct Harness {
    let server: NatsServer
    let director: NatsClient
    let client: AgentClient

    static let fastPolling = AgentClient.Configuration(
        defaultTimeout: .seconds(5), initialPollInterval: .milliseconds(10), maximumPollInterval: .milliseconds(50),
        cancelTimeout: .seconds(2))

    static func connect(_ server: NatsServer, configuration: AgentClient.Configuration = fastPolling) async throws -> Harness {
        let director = try await NatsClient.connect(NatsClientOptions(servers: [server.url], connectTimeout: .seconds(10)))
        let client = try await AgentClient.start(nats: director, configuration: configuration)
        return Harness(server: server, director: director, client: client)
    }

    func agent(
        _ handler: FakeAgent, heartbeatInterval: Duration? = nil, nats: NatsClient? = nil
    ) async throws -> (AgentServer, NatsClient) {
        let connection: NatsClient
        if let nats { connection = nats } else { connection = try await NatsClient.connect(NatsClientOptions(servers: [server.url], connectTimeout: .seconds(10))) }
        let agent = AgentServer(
            nats: connection,
            configuration: .init(agentID: handler.agentID, heartbeatInterval: heartbeatInterval), handler: handler)
        try await agent.start()
        return (agent, connection)
    }

    func close() async {
        await client.close()
        await director.close()
    }
}

/// Runs `body` with a fresh nats-server, a director client and one agent serving `handler`; closes everything
/// afterwards, whether `body` throws or not.
func withDirectorAndAgent(
    _ handler: FakeAgent = FakeAgent(agentID: "agent-1"), heartbeatInterval: Duration? = nil,
    serverConfig: String? = nil, _ body: (Harness, AgentServer) async throws -> Void
) async throws {
    try await withNatsServer(configText: serverConfig) { server in
        let harness = try await Harness.connect(server)
        let (agent, connection) = try await harness.agent(handler, heartbeatInterval: heartbeatInterval)
        let result = await Result { try await body(harness, agent) }
        await agent.stop()
        await connection.close()
        await harness.close()
        try result.get()
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
