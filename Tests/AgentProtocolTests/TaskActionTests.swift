import AgentProtocol
import Foundation
import Testing

/// `get_task` and `cancel_task` as bosh-agent answers them: failures read `Action Failed <method>: …`, and only
/// drain and run_errand tasks can be cancelled.
@Suite("get_task and cancel_task in bosh-agent's words")
struct TaskActionTests {
    @Test func actionFailedIsWordedAsBoshAgent() {
        #expect(
            AgentResponse.actionFailed(.getTask, "Task with id x could not be found")
                == .exception(AgentException("Action Failed get_task: Task with id x could not be found")))
    }

    @Test func unknownTaskIdsAndMissingArguments() async throws {
        try await withDirectorAndAgent { harness, _ in
            let client = harness.client
            #expect(
                try await client.request(.getTask, to: "agent-1", arguments: ["no-such-task"])
                    == .exception(AgentException("Action Failed get_task: Task with id no-such-task could not be found")))
            #expect(
                try await client.request(.cancelTask, to: "agent-1", arguments: ["no-such-task"])
                    == .exception(AgentException("Action Failed cancel_task: Task with id no-such-task could not be found")))
            #expect(
                try await client.request(.getTask, to: "agent-1")
                    == .exception(AgentException("Action Failed get_task: Not enough arguments, expected 1, got 0")))
            // The client tells a lost task from a failed one.
            do {
                _ = try await client.waitForTask("no-such-task", method: .apply, agentID: "agent-1")
                Issue.record("waiting for an unknown task succeeded")
            } catch let error as AgentError {
                #expect(error.code == .taskNotFound)
                #expect(error.method == .apply)
                #expect(error.message == "Action Failed get_task: Task with id no-such-task could not be found")
            }
        }
    }

    @Test func aFailedTaskIsReportedWithItsResult() async throws {
        try await withDirectorAndAgent { harness, _ in
            let first = try await harness.client.call(.runScript, to: "agent-1", arguments: ["pre-start", ["env": [:]]])
            let task = try #require(AgentTaskHandle(value: first))
            do {
                _ = try await harness.client.waitForTask(task.id, method: .runScript, agentID: "agent-1")
                Issue.record("run_script succeeded")
            } catch let error as AgentError {
                #expect(error.code == .taskFailed)
                #expect(error.message == "Action Failed get_task: Task \(task.id) result: script pre-start exited with 1")
            }
        }
    }

    @Test func onlyDrainAndErrandTasksCanBeCancelled() async throws {
        let fake = FakeAgent(agentID: "agent-1")
        try await withDirectorAndAgent(fake) { harness, agent in
            let client = harness.client
            await fake.holdApplies(true)
            let apply = try #require(AgentTaskHandle(value: try await client.call(.apply, to: "agent-1", arguments: [[:]])))
            #expect(
                try await client.request(.cancelTask, to: "agent-1", arguments: [.string(apply.id)])
                    == .exception(AgentException("Action Failed cancel_task: not supported")))
            await fake.holdApplies(false)
            #expect(try await client.waitForTask(apply.id, method: .apply, agentID: "agent-1") == "applied")
            // A finished task has nothing left to cancel: bosh-agent answers "canceled".
            #expect(try await client.call(.cancelTask, to: "agent-1", arguments: [.string(apply.id)]) == "canceled")

            await fake.holdDrains(true)
            let drain = try #require(AgentTaskHandle(value: try await client.call(.drain, to: "agent-1", arguments: ["update", [:]])))
            #expect(try await client.call(.cancelTask, to: "agent-1", arguments: [.string(drain.id)]) == "canceled")
            await #expect(throws: AgentError(code: .taskFailed, message: "")) {
                try await client.waitForTask(drain.id, method: .drain, agentID: "agent-1")
            }
            await fake.holdDrains(false)
            #expect(agent.runningTaskCount == 0)
        }
    }

    @Test func performNamesTheAgentWithTo() async throws {
        try await withDirectorAndAgent { harness, _ in
            let applied = try await harness.client.perform(.apply, to: "agent-1", arguments: [[:]])
            let pong = try await harness.client.perform(.ping, to: "agent-1")
            #expect(applied == "applied")
            #expect(pong == "pong")
        }
    }
}
