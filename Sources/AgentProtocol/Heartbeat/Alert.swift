/// An alert an agent publishes on `hm.agent.alert.<agent_id>` (from monit events, or SSH logins).
public struct Alert: Codable, Hashable, Sendable {
    /// The event id.
    public var id: String
    /// How bad it is.
    public var severity: Severity
    /// A one-line title, such as `nginx (10.0.0.5) - Does not exist - restart`.
    public var title: String
    /// The detail.
    public var summary: String
    /// When it happened, in seconds since 1970.
    public var createdAt: Int64

    /// Creates an alert.
    public init(id: String, severity: Severity = .critical, title: String, summary: String, createdAt: Int64) {
        self.id = id
        self.severity = severity
        self.title = title
        self.summary = summary
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, severity, title, summary
        case createdAt = "created_at"
    }

    /// An alert's severity: a number on the wire.
    public struct Severity: RawRepresentable, Codable, Hashable, Sendable {
        /// The number sent.
        public let rawValue: Int
        /// Creates a severity.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// 1.
        public static let alert = Severity(rawValue: 1)
        /// 2, the default.
        public static let critical = Severity(rawValue: 2)
        /// 3.
        public static let error = Severity(rawValue: 3)
        /// 4.
        public static let warning = Severity(rawValue: 4)
        /// -1: the agent does not send these.
        public static let ignored = Severity(rawValue: -1)
    }
}
