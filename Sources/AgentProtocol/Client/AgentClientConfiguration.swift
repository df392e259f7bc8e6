import Foundation

extension AgentClient {
    /// How an ``AgentClient`` addresses replies, how long it waits and how it polls tasks.
    public struct Configuration: Sendable {
        /// The director's process UUID: replies arrive on `director.<uuid>.<agent_id>.<request_id>`.
        public var directorUUID: String
        /// How long to wait for a reply when ``timeouts`` names no other time (45 s, as the director).
        public var defaultTimeout: Duration
        /// Per-method timeouts; by default `stop` 300 s and `sync_dns` 10 s, as the director.
        public var timeouts: [AgentMethod: Duration]
        /// How often a timed-out `get_task` is sent again before the call fails (4, as the director).
        public var getTaskRetries: Int
        /// The first pause between `get_task` polls.
        public var initialPollInterval: Duration
        /// The longest pause between polls (the director polls every 1 s).
        public var maximumPollInterval: Duration
        /// The factor each pause grows by, up to ``maximumPollInterval``.
        public var pollBackoff: Double
        /// How many requests may wait for replies at once; beyond it calls fail with
        /// ``AgentError/Code/tooManyPendingRequests``, so a dead agent cannot grow the table without bound.
        public var maximumPendingRequests: Int
        /// How long to wait for the reply to the `cancel_task` sent when a waiting call is cancelled.
        public var cancelTimeout: Duration

        /// Creates a configuration.
        public init(
            directorUUID: String = UUID().uuidString.lowercased(),
            defaultTimeout: Duration = .seconds(45),
            timeouts: [AgentMethod: Duration] = [.stop: .seconds(300), .syncDNS: .seconds(10)],
            getTaskRetries: Int = 4,
            initialPollInterval: Duration = .milliseconds(100),
            maximumPollInterval: Duration = .seconds(1),
            pollBackoff: Double = 2,
            maximumPendingRequests: Int = 10_000,
            cancelTimeout: Duration = .seconds(5)
        ) {
            self.directorUUID = directorUUID
            self.defaultTimeout = defaultTimeout
            self.timeouts = timeouts
            self.getTaskRetries = getTaskRetries
            self.initialPollInterval = initialPollInterval
            self.maximumPollInterval = maximumPollInterval
            self.pollBackoff = pollBackoff
            self.maximumPendingRequests = maximumPendingRequests
            self.cancelTimeout = cancelTimeout
        }

        /// The timeout for `method`.
        public func timeout(for method: AgentMethod) -> Duration { timeouts[method] ?? defaultTimeout }
    }
}
