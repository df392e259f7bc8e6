import BoshJSON
import Foundation
import Logging
import NatsClient

/// The director's end: sends requests to agents over a ``NatsClient`` connection and waits for their replies.
///
/// ```swift
/// let agents = try await AgentClient.start(nats: nats, logger: logger)
/// let state = try await agents.getState("agent-1", full: true)
/// try await agents.apply("agent-1", spec: spec)      // a task: polled with get_task until it finishes
/// ```
/// Replies come back on one subscription, `director.<uuid>.>`, and are matched to requests by the last subject
/// token. Each method has a timeout (``Configuration/timeout(for:)``); long-running methods answer with a task
/// that the client polls with `get_task`, backing off up to ``Configuration/maximumPollInterval``. Cancelling
/// the calling task while it waits for a task sends `cancel_task`. Errors are ``AgentError``s naming the method
/// and the agent, with the agent's exception text.
public final class AgentClient: Sendable {
    /// The connection requests go over.
    public let nats: NatsClient
    /// Timeouts, polling and limits.
    public let configuration: Configuration

    private let logger: Logger
    private let pending: PendingReplies
    private let subscription: NatsSubscription
    private let router: Task<Void, Never>

    private init(nats: NatsClient, configuration: Configuration, subscription: NatsSubscription, logger: Logger) {
        self.nats = nats
        self.configuration = configuration
        self.logger = logger
        self.subscription = subscription
        let pending = PendingReplies(limit: configuration.maximumPendingRequests)
        self.pending = pending
        let route: @Sendable () async -> Void = { [logger] in
            for await message in subscription { Self.route(message, to: pending, logger: logger) }
        }
        // Replies are matched on the connection's event loop when possible: one thread hop less per reply.
        self.router = Task(executorPreference: nats.taskExecutor, operation: route)
    }

    /// Subscribes to the director's reply subjects and returns a client ready to send.
    /// - Parameters:
    ///   - nats: a connected client; it stays open after ``close()``.
    ///   - configuration: the director UUID, timeouts and polling.
    ///   - logger: receives each request (`debug`), unmatched and undecodable replies (`warning`).
    public static func start(
        nats: NatsClient, configuration: Configuration = Configuration(), logger: Logger = NatsClient.silentLogger
    ) async throws -> AgentClient {
        let inbox = AgentSubjects.directorInbox(configuration.directorUUID) + ".>"
        let subscription = try await nats.subscribe(to: inbox)
        return AgentClient(nats: nats, configuration: configuration, subscription: subscription, logger: logger)
    }

    /// Requests waiting for a reply right now.
    public var pendingRequestCount: Int { pending.count }

    /// Replies that matched no waiting request (unknown ids, or late after a timeout) since the start.
    public var unmatchedReplyCount: Int { pending.unmatchedCount }

    /// Stops listening for replies; waiting calls fail with ``AgentError/Code/transport``.
    public func close() async {
        try? await subscription.unsubscribe()
        router.cancel()
        pending.close(with: AgentError(.transport, detail: "the agent client was closed"))
    }

    // MARK: Sending

    /// Sends one request and returns the agent's reply as it came (a value or an exception).
    ///
    /// - Parameter timeout: how long to wait; ``Configuration/timeout(for:)`` when `nil`.
    /// - Throws: ``AgentError`` with code `timeout`, `transport` or `tooManyPendingRequests`;
    ///   `CancellationError` when the calling task is cancelled.
    public func request(
        _ method: AgentMethod, to agentID: String, arguments: [JSONValue] = [], timeout: Duration? = nil
    ) async throws -> AgentResponse {
        let requestID = UUID().uuidString.lowercased()
        let request = AgentRequest(
            method: method, arguments: arguments,
            replyTo: AgentSubjects.reply(directorUUID: configuration.directorUUID, agentID: agentID, requestID: requestID))
        let payload = try AgentJSON.encode(request)
        try pending.register(requestID) {
            AgentError(
                .tooManyPendingRequests, method: method, agentID: agentID,
                detail: "\(pending.limit) requests already wait for replies")
        }
        let limit = timeout ?? configuration.timeout(for: method)
        pending.armTimer(requestID, after: limit) {
            AgentError(.timeout, method: method, agentID: agentID, detail: "no reply within \(limit)")
        }
        logger.debug("agent request", metadata: ["method": "\(method)", "agent_id": "\(agentID)", "request_id": "\(requestID)"])
        return try await withTaskCancellationHandler {
            do {
                try await nats.publish(payload, to: AgentSubjects.agent(agentID))
            } catch {
                pending.complete(
                    requestID,
                    with: .failure(AgentError(.transport, method: method, agentID: agentID, detail: "\(error)")))
            }
            return try await pending.wait(requestID)
        } onCancel: {
            pending.complete(requestID, with: .failure(CancellationError()))
        }
    }

    /// Sends a request and returns its value; an exception reply throws.
    /// - Throws: ``AgentError`` with code `agentException` (or `unknownMessage`) carrying the agent's message,
    ///   and the failures of ``request(_:to:arguments:timeout:)``.
    public func call(
        _ method: AgentMethod, to agentID: String, arguments: [JSONValue] = [], timeout: Duration? = nil
    ) async throws -> JSONValue {
        switch try await request(method, to: agentID, arguments: arguments, timeout: timeout) {
        case .value(let value): return value
        case .exception(let exception): throw Self.error(exception, method: method, agentID: agentID)
        }
    }

    /// Sends a request and, when the agent answers with a task, polls `get_task` until it finishes.
    ///
    /// Cancelling the calling task while polling sends `cancel_task` for the agent's task and throws
    /// `CancellationError`.
    /// - Returns: the method's final value.
    /// - Throws: ``AgentError`` with code `taskFailed` when the task fails (`taskNotFound` when the agent lost it),
    ///   its message the agent's (`Action Failed get_task: Task <id> result: <error>` from bosh-agent), plus the failures of ``call(_:to:arguments:timeout:)``.
    public func perform(
        _ method: AgentMethod, to agentID: String, arguments: [JSONValue] = [], timeout: Duration? = nil
    ) async throws -> JSONValue {
        let value = try await call(method, to: agentID, arguments: arguments, timeout: timeout)
        guard let task = AgentTaskHandle(value: value), task.state == .running else { return value }
        return try await waitForTask(task.id, method: method, agentID: agentID)
    }

    /// The former spelling of ``perform(_:to:arguments:timeout:)``: every sending method names the agent with `to:`.
    @available(*, deprecated, renamed: "perform(_:to:arguments:timeout:)")
    public func perform(
        _ method: AgentMethod, on agentID: String, arguments: [JSONValue] = [], timeout: Duration? = nil
    ) async throws -> JSONValue {
        try await perform(method, to: agentID, arguments: arguments, timeout: timeout)
    }

    /// Polls `get_task` for `taskID` until the task is no longer running, and returns its value.
    public func waitForTask(_ taskID: String, method: AgentMethod, agentID: String) async throws -> JSONValue {
        var pause = configuration.initialPollInterval
        do {
            while true {
                try await Task.sleep(for: pause)
                let value = try await pollOnce(taskID, method: method, agentID: agentID)
                guard let task = AgentTaskHandle(value: value), task.state == .running else { return value }
                pause = min(pause * configuration.pollBackoff, configuration.maximumPollInterval)
            }
        } catch is CancellationError {
            await cancelTask(taskID, agentID: agentID)
            throw CancellationError()
        }
    }

    /// One `get_task`, retried on timeout; a task exception becomes ``AgentError/Code/taskFailed`` (or
    /// ``AgentError/Code/taskNotFound`` when the agent does not know the task), its message the agent's text.
    private func pollOnce(_ taskID: String, method: AgentMethod, agentID: String) async throws -> JSONValue {
        var attempt = 0
        while true {
            do {
                return try await call(.getTask, to: agentID, arguments: [.string(taskID)])
            } catch let error as AgentError where error.code == .timeout && attempt < configuration.getTaskRetries {
                attempt += 1
            } catch let error as AgentError where error.code == .agentException {
                let code: AgentError.Code = Self.isTaskNotFound(error.message) ? .taskNotFound : .taskFailed
                throw AgentError(code, method: method, agentID: agentID, detail: error.message)
            }
        }
    }

    /// Sends `cancel_task` from a fresh task (the caller may be cancelled) and waits briefly for the answer.
    /// An agent that cannot cancel the task's method (bosh-agent cancels only drain and run_errand) is expected,
    /// not wrong: that answer is logged at debug, other failures at warning.
    private func cancelTask(_ taskID: String, agentID: String) async {
        let sent = Task {
            try await call(.cancelTask, to: agentID, arguments: [.string(taskID)], timeout: configuration.cancelTimeout)
        }
        guard case .failure(let error) = await sent.result else { return }
        let metadata: Logger.Metadata = ["agent_id": "\(agentID)", "task": "\(taskID)", "error": "\(error)"]
        if let error = error as? AgentError, error.message.hasSuffix("cancel_task: not supported") {
            logger.debug("the agent does not cancel this task; it runs to its end", metadata: metadata)
        } else {
            logger.warning("cancel_task failed", metadata: metadata)
        }
    }

    /// Whether a `get_task` exception says the agent has no such task, in bosh-agent's words
    /// (`Action Failed get_task: Task with id <id> could not be found`, or without the prefix from older agents).
    static func isTaskNotFound(_ message: String) -> Bool {
        let text = message.hasPrefix("Action Failed get_task: ") ? message.dropFirst("Action Failed get_task: ".count) : Substring(message)
        return text.hasPrefix("Task with id ") && text.hasSuffix(" could not be found")
    }

    /// Publishes a request without waiting for a reply (the director's fire-and-forget).
    public func send(_ method: AgentMethod, to agentID: String, arguments: [JSONValue] = []) async throws {
        let replyTo = AgentSubjects.reply(
            directorUUID: configuration.directorUUID, agentID: agentID, requestID: UUID().uuidString.lowercased())
        let payload = try AgentJSON.encode(AgentRequest(method: method, arguments: arguments, replyTo: replyTo))
        do {
            try await nats.publish(payload, to: AgentSubjects.agent(agentID))
        } catch {
            throw AgentError(.transport, method: method, agentID: agentID, detail: "\(error)")
        }
    }

    // MARK: Replies

    private static func route(_ message: NatsMessage, to pending: PendingReplies, logger: Logger) {
        guard let id = AgentSubjects.requestID(ofReply: message.subject).map(String.init) else { return }
        let result: Result<AgentResponse, any Error>
        do {
            result = .success(try AgentJSON.decode(AgentResponse.self, from: Data(message.bytes)))
        } catch {
            let tokens = message.subject.split(separator: ".")
            let agentID = tokens.count == 4 ? String(tokens[2]) : nil
            result = .failure(
                AgentError(.invalidReply, agentID: agentID, detail: "reply is not valid JSON: \(AgentJSON.describe(error))"))
        }
        if !pending.complete(id, with: result) {
            logger.warning("reply matches no waiting request", metadata: ["subject": "\(message.subject)"])
        }
    }

    static func error(_ exception: AgentException, method: AgentMethod, agentID: String) -> AgentError {
        let code: AgentError.Code = exception.message.hasPrefix("unknown message") ? .unknownMessage : .agentException
        return AgentError(code: code, method: method, agentID: agentID, message: exception.message)
    }

    /// Decodes a value into the method's result type.
    func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, method: AgentMethod, agentID: String) throws -> T {
        do {
            return try AgentJSON.decode(type, from: value)
        } catch {
            throw AgentError(
                .invalidReply, method: method, agentID: agentID,
                detail: "unexpected \(method) value: \(AgentJSON.describe(error))")
        }
    }
}
