import AgentProtocol
import Foundation
import Logging
import NatsClient

/// A running agent: settings read, NATS connected, ``AgentServer`` serving a ``LocalAgent``.
///
/// ```swift
/// let runtime = try await AgentRuntime.start(.init(settingsPath: "/vms/vm-1/settings.json"), logger: logger)
/// for await _ in signals { break }          // signals = AgentRuntime.signalStream(), made before start
/// await runtime.stop()                     // stops job processes, then the server and the connection
/// ```
public final class AgentRuntime: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// The settings file (`settings.json`).
        public var settingsPath: String
        /// The VM root; `nil`: `BOSHKIT_VM_DIR` from ``environment``, else the settings file's directory.
        public var root: String?
        /// The pause between heartbeats.
        public var heartbeatInterval: Duration
        /// How long to keep trying to reach NATS at start-up.
        public var connectTimeout: Duration
        /// The job supervisor's timing.
        public var supervisor: SupervisorOptions
        /// The environment the root is looked up in.
        public var environment: [String: String]

        /// Creates options.
        public init(
            settingsPath: String, root: String? = nil, heartbeatInterval: Duration = BoshAgent.defaultHeartbeatInterval,
            connectTimeout: Duration = .seconds(60), supervisor: SupervisorOptions = SupervisorOptions(),
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.settingsPath = settingsPath
            self.root = root
            self.heartbeatInterval = heartbeatInterval
            self.connectTimeout = connectTimeout
            self.supervisor = supervisor
            self.environment = environment
        }
    }

    /// The agent.
    public let agent: LocalAgent
    /// The server answering the director.
    public let server: AgentServer
    /// The NATS connection.
    public let nats: NatsClient
    private let logger: Logger

    private init(agent: LocalAgent, server: AgentServer, nats: NatsClient, logger: Logger) {
        self.agent = agent
        self.server = server
        self.nats = nats
        self.logger = logger
    }

    /// Reads the settings, creates the VM layout, connects to NATS (retrying until ``Options/connectTimeout``)
    /// and starts serving `agent.<agent_id>` and sending heartbeats.
    /// - Throws: an ``AgentError`` for unreadable settings, ``BlobstoreError`` / ``AgentFailure`` for unusable
    ///   ones, the last `NatsError` when NATS stayed unreachable.
    public static func start(_ options: Options, logger: Logger) async throws -> AgentRuntime {
        let settings = try AgentSettings.read(contentsOf: URL(fileURLWithPath: options.settingsPath))
        let root = AgentLayout.resolveRoot(
            explicit: options.root, environment: options.environment, settingsPath: options.settingsPath)
        var logger = logger
        logger[metadataKey: "agent_id"] = "\(settings.agentID)"
        let agent = try LocalAgent(
            settings: settings, layout: AgentLayout(root: root), supervisorOptions: options.supervisor, logger: logger)
        await agent.restoreJobs()
        let nats = try await connect(try AgentMbus.natsOptions(for: settings), within: options.connectTimeout, logger: logger)
        let server = AgentServer(
            nats: nats, configuration: .init(agentID: settings.agentID, heartbeatInterval: options.heartbeatInterval),
            handler: agent, logger: logger)
        do {
            try await server.start()
        } catch {
            await nats.close()
            throw error
        }
        let mbus = settings.mbusURLs().map(Self.withoutCredentials).joined(separator: ",")
        logger.info("agent serving", metadata: ["root": "\(root.path)", "mbus": "\(mbus)"])
        return AgentRuntime(agent: agent, server: server, nats: nats, logger: logger)
    }

    /// `url` without its `user:password@` part: mbus URLs usually carry the NATS credentials.
    static func withoutCredentials(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }

    /// Stops every job process, then the server and the NATS connection.
    public func stop() async {
        logger.info("agent stopping")
        await agent.terminate()
        await server.stop()
        await nats.close()
    }

    /// Catches `signals` from now on (their default action is replaced) and delivers them in a stream; call it
    /// before ``start(_:logger:)`` so that a SIGTERM during start-up is not lost.
    public static func signalStream(_ signals: [Int32] = [SIGTERM, SIGINT]) -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = SignalSources()
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.sources.append(source)
        }
        continuation.onTermination = { _ in sources.cancel() }
        return stream
    }

    private static func connect(_ options: NatsClientOptions, within timeout: Duration, logger: Logger) async throws -> NatsClient {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            do {
                return try await NatsClient.connect(options, logger: logger)
            } catch {
                guard clock.now < deadline else { throw error }
                logger.warning("cannot reach NATS yet; retrying", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// Keeps signal sources alive for as long as their stream.
private final class SignalSources: @unchecked Sendable {
    var sources: [any DispatchSourceSignal] = []
    func cancel() { for source in sources { source.cancel() } }
}
