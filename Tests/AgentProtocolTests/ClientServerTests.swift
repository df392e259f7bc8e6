import AgentProtocol
import Foundation
import NatsClient
import Testing

@Suite("Director and agent over a real nats-server")
struct ClientServerTests {
    @Test func pingInfoAndUnknownMethods() async throws {
        try await withDirectorAndAgent { harness, agent in
            #expect(try await harness.client.ping("agent-1") == "pong")
            #expect(try await harness.client.info("agent-1") == AgentInfo(apiVersion: 1))
            let reply = try await harness.client.request("fake-action", to: "agent-1")
            #expect(reply == .exception(AgentException("unknown message fake-action")))
            await #expect(throws: AgentError(code: .unknownMessage, message: "")) {
                try await harness.client.ssh("agent-1", command: .setup, parameters: SSHParameters(user: "u"))
            }
        }
    }

    @Test func applyThenGetState() async throws {
        try await withDirectorAndAgent { harness, agent in
            let spec = try JSONDecoder().decode(ApplySpec.self, from: try Fixtures.data("boshkit-apply-spec.json"))
            try await harness.client.apply("agent-1", spec: spec)
            let state = try await harness.client.getState("agent-1")
            #expect(state.spec == spec)
            #expect(state.agentID == "agent-1")
            #expect(state.vitals == nil)
            let full = try await harness.client.getState("agent-1", full: true)
            #expect(full.vitals?.uptime.seconds == 10)
            #expect(try await harness.client.listDisk("agent-1") == ["disk-1"])
        }
    }

    @Test func longTaskIsPolledToCompletion() async throws {
        let fake = FakeAgent(agentID: "agent-1")
        try await withDirectorAndAgent(fake) { harness, agent in
            let shutdowns = try await harness.director.subscribe(to: AgentSubjects.shutdown("agent-1"))
            await fake.holdDrains(true)
            let first = try await harness.client.call(.drain, to: "agent-1", arguments: ["shutdown"])
            let notice = try await withTimeout(30) { await shutdowns.first { _ in true } }
            #expect(notice?.string == "null")
            let handle = try #require(AgentTaskHandle(value: first))
            #expect(handle.state == .running)
            #expect(try await harness.client.getTask("agent-1", taskID: handle.id) == handle.json)
            await fake.holdDrains(false)
            #expect(try await harness.client.waitForTask(handle.id, method: .drain, agentID: "agent-1") == 0)
            #expect(try await harness.client.drain("agent-1", type: .update, spec: ApplySpec()) == 0)
            #expect(agent.runningTaskCount == 0)
        }
    }

    @Test func failuresCarryTheAgentsMessage() async throws {
        try await withDirectorAndAgent { harness, agent in
            do {
                try await harness.client.runScript("agent-1", name: "pre-start")
                Issue.record("run_script succeeded")
            } catch let error as AgentError {
                #expect(error.code == .taskFailed)
                #expect(error.method == .runScript)
                #expect(error.agentID == "agent-1")
                #expect(error.message.hasPrefix("Action Failed get_task: Task "))
                #expect(error.message.hasSuffix(" result: script pre-start exited with 1"))
            }
            do {
                try await harness.client.start("agent-1")
                Issue.record("start succeeded")
            } catch let error as AgentError {
                #expect(error.code == .agentException)
                #expect(error.message == "Action Failed start: monit is not running")
                #expect(error.description.contains("agent 'agent-1'"))
            }
            await #expect(throws: AgentError(code: .taskFailed, message: "")) {
                try await harness.client.drain("agent-1", type: .status)
            }
            let missing = try await harness.client.request(.getTask, to: "agent-1", arguments: ["no-such-task"])
            #expect(missing == .exception(AgentException("Action Failed get_task: Task with id no-such-task could not be found")))
            let badArguments = try await harness.client.request(.apply, to: "agent-1", arguments: [])
            guard case .value(let value) = badArguments, let task = AgentTaskHandle(value: value) else {
                Issue.record("apply without arguments did not start a task")
                return
            }
            await #expect(throws: AgentError(code: .taskFailed, message: "")) {
                try await harness.client.waitForTask(task.id, method: .apply, agentID: "agent-1")
            }
        }
    }

    @Test func cancellingTheCallerSendsCancelTask() async throws {
        let fake = FakeAgent(agentID: "agent-1")
        try await withDirectorAndAgent(fake) { harness, agent in
            let client = harness.client
            let requests = try await harness.director.subscribe(to: AgentSubjects.agent("agent-1"))
            let errand = Task { try await client.runErrand("agent-1", name: "smoke-tests") }
            // Once the client polls, it holds the task id: cancelling now must send cancel_task.
            let poll = try await withTimeout(30) {
                await requests.first { message in
                    (try? JSONDecoder().decode(AgentRequest.self, from: Data(message.bytes)))?.method == .getTask
                }
            }
            #expect(poll != nil)
            errand.cancel()
            await #expect(throws: CancellationError.self) { try await errand.value }
            try await withTimeout(30) {
                while await !fake.errandCancelled { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(agent.runningTaskCount == 0)
        }
    }

    @Test func cancelTaskByID() async throws {
        try await withDirectorAndAgent { harness, agent in
            let first = try await harness.client.call(.runErrand, to: "agent-1")
            let task = try #require(AgentTaskHandle(value: first))
            #expect(try await harness.client.call(.cancelTask, to: "agent-1", arguments: [.string(task.id)]) == "canceled")
            await #expect(throws: AgentError(code: .taskFailed, message: "")) {
                try await harness.client.waitForTask(task.id, method: .runErrand, agentID: "agent-1")
            }
        }
    }

    @Test func timeoutWhenTheAgentIsGone() async throws {
        try await withNatsServer { server in
            let harness = try await Harness.connect(server)
            let started = ContinuousClock.now
            do {
                _ = try await harness.client.ping("agent-nobody", timeout: .milliseconds(200))
                Issue.record("ping succeeded")
            } catch let error as AgentError {
                #expect(error.code == .timeout)
                #expect(error.agentID == "agent-nobody")
                #expect(error.method == .ping)
            }
            // The 200 ms timeout applied, not the 45 s default (generous bound: CI machines are loaded).
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(harness.client.pendingRequestCount == 0)
            await harness.close()
        }
    }

    @Test func heartbeatsArriveAtTheInterval() async throws {
        try await withNatsServer { server in
            let harness = try await Harness.connect(server)
            let monitor = try await harness.director.subscribe(to: AgentSubjects.allHeartbeats)
            let fake = FakeAgent(agentID: "agent-hb")
            let started = ContinuousClock.now
            let (agent, connection) = try await harness.agent(fake, heartbeatInterval: .milliseconds(50))
            // Six beats within 30 s can only come from the 50 ms interval (the default is 30 s).
            let beats = try await withTimeout(30) {
                var beats: [NatsMessage] = []
                for await message in monitor {
                    beats.append(message)
                    if beats.count == 6 { break }
                }
                return beats
            }
            // And not sooner than five intervals after the agent started. (Timed from the agent's start, not from
            // the first beat received: on a loaded machine the receiving task may get several beats at once.)
            #expect(ContinuousClock.now - started >= .milliseconds(250))
            #expect(beats.allSatisfy { $0.subject == "hm.agent.heartbeat.agent-hb" })
            let heartbeat = try JSONDecoder().decode(Heartbeat.self, from: Data(beats[0].bytes))
            #expect(heartbeat.nodeID == "agent-hb")
            #expect(heartbeat.job == nil)

            let alerts = try await harness.director.subscribe(to: AgentSubjects.allAlerts)
            let shutdowns = try await harness.director.subscribe(to: AgentSubjects.allShutdowns)
            try await agent.publish(Alert(id: "i", severity: .ignored, title: "t", summary: "s", createdAt: 1))
            try await agent.publish(Alert(id: "e", title: "t", summary: "s", createdAt: 1))
            try await agent.publishShutdown()
            let alert = try await withTimeout(30) { await alerts.first { _ in true } }
            #expect(try JSONDecoder().decode(Alert.self, from: Data(try #require(alert).bytes)).id == "e")
            let shutdown = try await withTimeout(30) { await shutdowns.first { _ in true } }
            #expect(shutdown?.string == "null")
            await agent.stop()
            await connection.close()
            await harness.close()
        }
    }

    @Test func twoHundredAgentsAnswerOneDirector() async throws {
        try await withNatsServer { server in
            let harness = try await Harness.connect(server)
            // Agents share a few connections, as agents on one host would share nothing but the server.
            var connections: [NatsClient] = []
            for _ in 0..<4 { connections.append(try await NatsClient.connect(NatsClientOptions(servers: [server.url], connectTimeout: .seconds(10)))) }
            var agents: [AgentServer] = []
            for i in 0..<200 {
                let (agent, _) = try await harness.agent(FakeAgent(agentID: "agent-\(i)"), nats: connections[i % 4])
                agents.append(agent)
            }
            let client = harness.client
            let states = try await withTimeout(20) {
                try await withThrowingTaskGroup(of: AgentState.self) { group in
                    for i in 0..<200 { group.addTask { try await client.getState("agent-\(i)") } }
                    return try await group.reduce(into: [AgentState]()) { $0.append($1) }
                }
            }
            #expect(Set(states.map(\.agentID)) == Set((0..<200).map { "agent-\($0)" }))
            #expect(client.pendingRequestCount == 0)
            for agent in agents { await agent.stop() }
            for connection in connections { await connection.close() }
            await harness.close()
        }
    }
}
