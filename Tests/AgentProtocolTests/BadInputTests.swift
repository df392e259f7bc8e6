import AgentProtocol
import Foundation
import NatsClient
import Testing

@Suite("Bad input on both ends")
struct BadInputTests {
    /// Answers every request on `agent.<id>` with `reply` after `delay`, like a broken or slow agent.
    static func rawAgent(
        _ nats: NatsClient, id: String, delay: Duration = .zero, reply: @escaping @Sendable (AgentRequest) -> String
    ) async throws -> Task<Void, Never> {
        let requests = try await nats.subscribe(to: AgentSubjects.agent(id))
        return Task {
            for await message in requests {
                guard let request = try? JSONDecoder().decode(AgentRequest.self, from: Data(message.bytes)) else { continue }
                try? await Task.sleep(for: delay)
                try? await nats.publish(reply(request), to: request.replyTo)
            }
        }
    }

    @Test func agentSurvivesMalformedRequests() async throws {
        try await withDirectorAndAgent { harness, agent in
            let replies = try await harness.director.subscribe(to: "director.test.>")
            try await harness.director.publish("{not json", to: "agent.agent-1")
            try await harness.director.publish(#"{"method": "ping"}"#, to: "agent.agent-1")  // no reply_to: dropped
            try await harness.director.publish(#"{"method": 7, "reply_to": "director.test.a.1"}"#, to: "agent.agent-1")
            let reply = try await withTimeout(30) { await replies.first { _ in true } }
            let response = try JSONDecoder().decode(AgentResponse.self, from: Data(try #require(reply).bytes))
            guard case .exception(let exception) = response else {
                Issue.record("expected an exception, got \(response)")
                return
            }
            #expect(exception.message.hasPrefix("Invalid request: "))
            // Nesting 100,000 levels deep: the JSON reader's depth limit (512) refuses it at once, so the
            // request is dropped as unreadable (no reply subject can be read); the agent keeps serving.
            let deep = #"{"method": "ping", "reply_to": "director.test.a.2", "arguments": "#
                + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
            try await harness.director.publish(deep, to: "agent.agent-1")
            #expect(try await harness.client.ping("agent-1") == "pong")
            let badArguments = try await harness.client.request(.syncDNS, to: "agent-1", arguments: [1, 2])
            guard case .exception(let argumentsException) = badArguments else {
                Issue.record("expected an exception, got \(badArguments)")
                return
            }
            #expect(argumentsException.message.hasPrefix("Action Failed sync_dns: argument 1"))
            #expect(try await harness.client.ping("agent-1") == "pong")
        }
    }

    @Test func exceptionAndMalformedReplies() async throws {
        try await withNatsServer { server in
            let harness = try await Harness.connect(server)
            let broken = try await Self.rawAgent(harness.director, id: "broken") { request in
                request.method == .ping ? "{oops" : #"{"exception": {"message": "disk full"}}"#
            }
            do {
                _ = try await harness.client.getState("broken")
                Issue.record("get_state succeeded")
            } catch let error as AgentError {
                #expect(error.code == .agentException)
                #expect(error.message == "disk full")
                #expect(error.description == "AgentError.agentException: disk full (method 'get_state', agent 'broken')")
            }
            do {
                _ = try await harness.client.ping("broken")
                Issue.record("ping succeeded")
            } catch let error as AgentError {
                #expect(error.code == .invalidReply)
                #expect(error.agentID == "broken")
            }
            broken.cancel()
            await harness.close()
        }
    }

    @Test func unknownAndLateRepliesAreDroppedAndCounted() async throws {
        try await withNatsServer { server in
            let harness = try await Harness.connect(server)
            let uuid = harness.client.configuration.directorUUID
            try await harness.director.publish(#"{"value": "pong"}"#, to: "director.\(uuid).agent-x.no-such-request")
            let slow = try await Self.rawAgent(harness.director, id: "slow", delay: .milliseconds(500)) { _ in
                #"{"value": "pong"}"#
            }
            await #expect(throws: AgentError(code: .timeout, message: "")) {
                try await harness.client.ping("slow", timeout: .milliseconds(100))
            }
            try await withTimeout(30) {
                while harness.client.unmatchedReplyCount < 2 { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(harness.client.unmatchedReplyCount == 2)
            #expect(harness.client.pendingRequestCount == 0)
            slow.cancel()
            await harness.close()
        }
    }

    @Test func pendingTableIsBounded() async throws {
        try await withNatsServer { server in
            var configuration = Harness.fastPolling
            configuration.maximumPendingRequests = 5
            let harness = try await Harness.connect(server, configuration: configuration)
            let client = harness.client
            let outcomes = await withTaskGroup(of: AgentError.Code?.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await client.ping("nobody", timeout: .seconds(1))
                            return nil
                        } catch let error as AgentError {
                            return error.code
                        } catch {
                            return nil
                        }
                    }
                }
                return await group.reduce(into: [AgentError.Code?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .tooManyPendingRequests }.count == 5)
            #expect(outcomes.filter { $0 == .timeout }.count == 5)
            #expect(client.pendingRequestCount == 0)
            await harness.close()
        }
    }

    @Test func oversizedRepliesAndRequests() async throws {
        try await withDirectorAndAgent(serverConfig: "max_payload: 16MB\n") { harness, agent in
            // A reply over 1 MiB is replaced by the agent's fixed exception.
            let huge = try await harness.client.request("fake-huge-reply", to: "agent-1")
            #expect(huge == AgentResponse.tooLong)
            // A 10 MB apply spec goes through when the server allows it; get_state, which echoes it, then exceeds the
            // agent's 1 MiB reply limit, as with bosh-agent.
            var spec = ApplySpec(deployment: "big")
            spec.properties = ["blob": .string(String(repeating: "y", count: 10 * 1024 * 1024))]
            try await harness.client.apply("agent-1", spec: spec)
            do {
                _ = try await harness.client.getState("agent-1")
                Issue.record("get_state succeeded")
            } catch let error as AgentError {
                #expect(error.message == "Response exceeded maximum allowed length")
            }
        }
        try await withNatsServer { server in
            // With the default 1 MiB max_payload the client refuses to send it and says why.
            let harness = try await Harness.connect(server)
            var spec = ApplySpec(deployment: "big")
            spec.properties = ["blob": .string(String(repeating: "y", count: 10 * 1024 * 1024))]
            do {
                try await harness.client.apply("agent-1", spec: spec)
                Issue.record("apply succeeded")
            } catch let error as AgentError {
                #expect(error.code == .transport)
                #expect(error.message.contains("maxPayloadExceeded"))
            }
            #expect(harness.client.pendingRequestCount == 0)
            await harness.close()
        }
    }
}
