import BoshJSON
import Foundation
import Logging
import NatsClient

/// The agent's end: subscribes to `agent.<agent_id>`, decodes each request, runs it on an ``AgentHandler`` and
/// publishes the reply to the request's `reply_to`; publishes heartbeats on an interval.
///
/// ```swift
/// let server = AgentServer(nats: nats, configuration: .init(agentID: settings.agentID), handler: MyAgent(), logger: logger)
/// try await server.start()
/// …
/// await server.stop()
/// ```
/// Long-running methods are answered at once with `{"agent_task_id", "state": "running"}` and run as tasks that
/// `get_task` reports on; `cancel_task` cancels drain and run_errand tasks (others answer
/// `Action Failed cancel_task: not supported`, as bosh-agent does); `drain ["shutdown", …]` first publishes the shutdown notice.
/// A method the handler does not implement is answered with `unknown message <method>`; a request that is not JSON,
/// lacks `reply_to` or has badly shaped arguments gets an exception reply when it can be answered and is logged
/// otherwise; the server never stops over one message.
public final class AgentServer: Sendable {
    /// What the server needs besides the connection and the handler.
    public struct Configuration: Sendable {
        /// The agent id: requests arrive on `agent.<agent_id>`.
        public var agentID: String
        /// The pause between heartbeats (bosh-agent: 30 s); `nil` sends none.
        public var heartbeatInterval: Duration?
        /// The clock heartbeats wait on (tests can pass a faster one).
        public var clock: any Clock<Duration>
        /// How many finished tasks `get_task` can still report on.
        public var finishedTaskLimit: Int
        /// The largest reply; longer ones are replaced by ``AgentResponse/tooLong``.
        public var maximumResponseLength: Int

        /// Creates a configuration.
        public init(
            agentID: String, heartbeatInterval: Duration? = .seconds(30), clock: any Clock<Duration> = ContinuousClock(),
            finishedTaskLimit: Int = 1000, maximumResponseLength: Int = AgentResponse.maximumLength
        ) {
            self.agentID = agentID
            self.heartbeatInterval = heartbeatInterval
            self.clock = clock
            self.finishedTaskLimit = finishedTaskLimit
            self.maximumResponseLength = maximumResponseLength
        }
    }

    /// The connection the server uses.
    public let nats: NatsClient
    /// The server's configuration.
    public let configuration: Configuration
    private let handler: any AgentHandler
    private let logger: Logger
    private let tasks: TaskTable
    private let running = Locked<[Task<Void, Never>]>([])
    private let subscription = Locked<NatsSubscription?>(nil)

    /// Creates a server; nothing happens until ``start()``.
    public init(
        nats: NatsClient, configuration: Configuration, handler: some AgentHandler,
        logger: Logger = NatsClient.silentLogger
    ) {
        self.nats = nats
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.tasks = TaskTable(finishedLimit: configuration.finishedTaskLimit)
    }

    /// The agent id.
    public var agentID: String { configuration.agentID }

    /// Long-running tasks still running.
    public var runningTaskCount: Int { tasks.runningCount }

    /// Subscribes to `agent.<agent_id>` (returning once the server confirmed it) and starts serving and, when an
    /// interval is set, sending heartbeats (the first one at once). Does nothing when already started.
    public func start() async throws {
        guard subscription.withLock({ $0 == nil }) else { return }
        let subscription = try await nats.subscribe(to: AgentSubjects.agent(agentID))
        let first = self.subscription.withLock { current in
            defer { if current == nil { current = subscription } }
            return current == nil
        }
        guard first else {
            try? await subscription.unsubscribe()
            return
        }
        let serve: @Sendable () async -> Void = {
            await withDiscardingTaskGroup { group in
                for await message in subscription {
                    group.addTask { await self.serve(message) }
                }
            }
        }
        // On the connection's event loop when possible: one thread hop less per request.
        let serving = Task(executorPreference: nats.taskExecutor, operation: serve)
        var started = [serving]
        if let interval = configuration.heartbeatInterval {
            started.append(Task { await self.sendHeartbeats(every: interval) })
        }
        running.withLock { $0 += started }
    }

    /// Unsubscribes, stops heartbeats and cancels running tasks.
    public func stop() async {
        let subscription = self.subscription.withLock { subscription in
            defer { subscription = nil }
            return subscription
        }
        try? await subscription?.unsubscribe()
        for task in running.withLock({ tasks in
            defer { tasks = [] }
            return tasks
        }) {
            task.cancel()
        }
        tasks.cancelAll()
    }

    // MARK: Health monitor messages

    /// Publishes a heartbeat on `hm.agent.heartbeat.<agent_id>`.
    public func publish(_ heartbeat: Heartbeat) async throws {
        try await nats.publish(try AgentJSON.encode(heartbeat), to: AgentSubjects.heartbeat(agentID))
    }

    /// Publishes an alert on `hm.agent.alert.<agent_id>` (alerts of severity ``Alert/Severity/ignored`` are not sent).
    public func publish(_ alert: Alert) async throws {
        guard alert.severity != .ignored else { return }
        try await nats.publish(try AgentJSON.encode(alert), to: AgentSubjects.alert(agentID))
    }

    /// Publishes the shutdown notice (`null`) on `hm.agent.shutdown.<agent_id>`, as before `drain shutdown`.
    public func publishShutdown() async throws {
        try await nats.publish("null", to: AgentSubjects.shutdown(agentID))
    }

    private func sendHeartbeats(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                if let heartbeat = try await handler.heartbeat() { try await publish(heartbeat) }
            } catch {
                logger.warning("heartbeat failed", metadata: ["agent_id": "\(agentID)", "error": "\(error)"])
            }
            do { try await configuration.clock.sleep(for: interval) } catch { return }
        }
    }

    // MARK: Requests

    private func serve(_ message: NatsMessage) async {
        let request: AgentRequest
        do {
            request = try AgentJSON.decode(AgentRequest.self, from: Data(message.bytes))
        } catch {
            await rejectUndecodable(message, error)
            return
        }
        let response = await respond(to: request)
        await reply(response, to: request.replyTo, method: request.method)
    }

    private func respond(to request: AgentRequest) async -> AgentResponse {
        let method = request.method
        switch method {
        case .getTask, .cancelTask: return taskAction(method, request.arguments)
        default: break
        }
        let handler = self.handler
        let arguments = request.arguments
        if method == .drain, arguments.first == .string(DrainType.shutdown.rawValue) {
            // bosh-agent tells the health monitor before draining for a shutdown, so that it expects the silence.
            do { try await publishShutdown() } catch {
                logger.warning("shutdown notice failed", metadata: ["agent_id": "\(agentID)", "error": "\(error)"])
            }
        }
        if AgentDispatch.isLongRunning(method, protocolVersion: request.protocolVersion) {
            let id = tasks.start(cancellable: AgentDispatch.isCancellable(method)) {
                try await AgentDispatch.run(method, arguments, on: handler)
            } describeFailure: { error in
                Self.message(of: error)
            }
            return .value(AgentTaskHandle(id: id).json)
        }
        do {
            return .value(try await AgentDispatch.run(method, arguments, on: handler))
        } catch let error as AgentError where error.code == .unknownMessage {
            return .exception(AgentException(error.message))
        } catch {
            return .actionFailed(method, Self.message(of: error))
        }
    }

    /// `get_task` and `cancel_task`, answered by the server itself. Like every synchronous method of bosh-agent,
    /// their failures read `Action Failed <method>: <error>`.
    private func taskAction(_ method: AgentMethod, _ arguments: [JSONValue]) -> AgentResponse {
        guard let first = arguments.first else {
            return .actionFailed(method, "Not enough arguments, expected 1, got 0")
        }
        guard let id = first.stringValue else {
            return .actionFailed(method, "argument 1 must be a task id string, got \(first.kindDescription)")
        }
        let notFound = "Task with id \(id) could not be found"
        if method == .cancelTask {
            switch tasks.cancel(id) {
            case .notFound: return .actionFailed(method, notFound)
            case .notSupported: return .actionFailed(method, "not supported")
            case .cancelled: return .value("canceled")
            }
        }
        switch tasks.outcome(id) {
        case nil: return .actionFailed(method, notFound)
        case .running?: return .value(AgentTaskHandle(id: id).json)
        case .done(let value)?: return .value(value)
        case .failed(let message)?: return .actionFailed(method, "Task \(id) result: \(message)")
        }
    }

    static func message(of error: any Error) -> String {
        if let error = error as? AgentError { return error.message }
        if error is CancellationError { return "Task was cancelled" }
        return String(describing: error)
    }

    private func rejectUndecodable(_ message: NatsMessage, _ error: any Error) async {
        let detail = AgentJSON.describe(error)
        // Answer when the body names a reply subject even though the rest is unusable.
        if let object = try? AgentJSON.decode(JSONValue.self, from: Data(message.bytes)),
            let replyTo = object["reply_to"]?.stringValue
        {
            let method = object["method"]?.stringValue.map(AgentMethod.init(rawValue:))
            await reply(.exception(AgentException("Invalid request: \(detail)")), to: replyTo, method: method)
            return
        }
        logger.warning(
            "dropping a request that cannot be answered",
            metadata: ["agent_id": "\(agentID)", "error": "\(detail)", "bytes": "\(message.bytes.count)"])
    }

    private func reply(_ response: AgentResponse, to subject: String, method: AgentMethod?) async {
        do {
            var payload = try AgentJSON.encode(response)
            if payload.count > configuration.maximumResponseLength { payload = try AgentJSON.encode(AgentResponse.tooLong) }
            try await nats.publish(payload, to: subject)
        } catch {
            logger.warning(
                "reply failed",
                metadata: ["agent_id": "\(agentID)", "method": "\(method?.rawValue ?? "?")", "error": "\(error)"])
        }
    }
}
