/// The heartbeat an agent publishes on `hm.agent.heartbeat.<agent_id>`, once at start and then on an interval
/// (30 s in bosh-agent).
///
/// `job`, `index` and `number_of_processes` are always sent, as `null` before the first apply (or when the
/// process list could not be read).
public struct Heartbeat: Codable, Hashable, Sendable {
    /// The deployment name.
    public var deployment: String
    /// The instance group name, `nil` before the first apply.
    public var job: String?
    /// The instance index, `nil` before the first apply.
    public var index: Int?
    /// The aggregate job state: `running`, `starting`, `failing`, `stopped` or `unknown`.
    public var jobState: String
    /// The machine's vitals.
    public var vitals: Vitals
    /// The instance id.
    public var nodeID: String
    /// How many processes the job supervisor watches, `nil` if unknown.
    public var numberOfProcesses: Int?

    /// Creates a heartbeat.
    public init(
        deployment: String, job: String? = nil, index: Int? = nil, jobState: String, vitals: Vitals = Vitals(),
        nodeID: String, numberOfProcesses: Int? = nil
    ) {
        self.deployment = deployment
        self.job = job
        self.index = index
        self.jobState = jobState
        self.vitals = vitals
        self.nodeID = nodeID
        self.numberOfProcesses = numberOfProcesses
    }

    enum CodingKeys: String, CodingKey {
        case deployment, job, index
        case jobState = "job_state"
        case vitals
        case nodeID = "node_id"
        case numberOfProcesses = "number_of_processes"
    }

    /// Encodes every member, `null` ones included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deployment, forKey: .deployment)
        try c.encode(job, forKey: .job)
        try c.encode(index, forKey: .index)
        try c.encode(jobState, forKey: .jobState)
        try c.encode(vitals, forKey: .vitals)
        try c.encode(nodeID, forKey: .nodeID)
        try c.encode(numberOfProcesses, forKey: .numberOfProcesses)
    }
}
