import BoshJSON

/// The value of `get_state`: the current apply spec plus the agent's id, job state, processes, VM and (with
/// `["full"]`) vitals.
public struct AgentState: Codable, Hashable, Sendable {
    /// The applied spec (networks, packages and resource pool are `{}` when unset).
    public var spec: ApplySpec
    /// The agent id.
    public var agentID: String
    /// The aggregate job state: `running`, `starting`, `failing`, `stopped` or `unknown`.
    public var jobState: String
    /// Vitals, only for `get_state ["full"]`.
    public var vitals: Vitals?
    /// The supervised processes.
    public var processes: [AgentProcess]?
    /// The VM.
    public var vm: VMInfo?

    /// Creates a state.
    public init(
        spec: ApplySpec = ApplySpec(), agentID: String, jobState: String, vitals: Vitals? = nil,
        processes: [AgentProcess]? = nil, vm: VMInfo? = nil
    ) {
        self.spec = spec
        self.agentID = agentID
        self.jobState = jobState
        self.vitals = vitals
        self.processes = processes
        self.vm = vm
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case agentID = "agent_id"
        case jobState = "job_state"
        case vitals, processes, vm
    }

    /// Decodes the flat object into the spec and the state members.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentID = try c.decodeIfPresent(String.self, forKey: .agentID) ?? ""
        jobState = try c.decodeIfPresent(String.self, forKey: .jobState) ?? "unknown"
        vitals = try c.decodeIfPresent(Vitals.self, forKey: .vitals)
        processes = try c.decodeIfPresent([AgentProcess].self, forKey: .processes)
        vm = try c.decodeIfPresent(VMInfo.self, forKey: .vm)
        spec = try ApplySpec(from: decoder)
        for key in CodingKeys.allCases { spec.otherMembers[key.stringValue] = nil }
    }

    /// Encodes the spec and the state members as one object.
    public func encode(to encoder: any Encoder) throws {
        try spec.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agentID, forKey: .agentID)
        try c.encode(jobState, forKey: .jobState)
        try c.encodeIfPresent(vitals, forKey: .vitals)
        try c.encodeIfPresent(processes, forKey: .processes)
        try c.encodeIfPresent(vm, forKey: .vm)
    }
}

/// A process the job supervisor watches, as `get_state` lists it (numbers here, unlike heartbeat vitals).
public struct AgentProcess: Codable, Hashable, Sendable {
    /// The process name.
    public var name: String
    /// Its state, such as `running`.
    public var state: String
    /// Seconds it has been up.
    public var uptime: Uptime?
    /// Its memory use.
    public var mem: Memory?
    /// Its CPU use.
    public var cpu: CPU?

    /// Creates a process entry.
    public init(name: String, state: String, uptime: Uptime? = nil, mem: Memory? = nil, cpu: CPU? = nil) {
        self.name = name
        self.state = state
        self.uptime = uptime
        self.mem = mem
        self.cpu = cpu
    }

    /// `{"secs": n}`.
    public struct Uptime: Codable, Hashable, Sendable {
        /// Seconds.
        public var secs: Int
        /// Creates an uptime.
        public init(secs: Int) { self.secs = secs }
    }

    /// `{"kb": n, "percent": x}`.
    public struct Memory: Codable, Hashable, Sendable {
        /// KiB.
        public var kb: Int
        /// Percent.
        public var percent: Double
        /// Creates a memory figure.
        public init(kb: Int, percent: Double) {
            self.kb = kb
            self.percent = percent
        }
    }

    /// `{"total": x}`.
    public struct CPU: Codable, Hashable, Sendable {
        /// Percent.
        public var total: Double
        /// Creates a CPU figure.
        public init(total: Double) { self.total = total }
    }
}

/// The VM an agent runs on: `{"name": …}` in settings and `get_state`.
public struct VMInfo: Codable, Hashable, Sendable {
    /// The VM's name in the IaaS.
    public var name: String?
    /// Members not modelled, kept as they came.
    public var otherMembers: [String: JSONValue]

    /// Creates VM info.
    public init(name: String? = nil, otherMembers: [String: JSONValue] = [:]) {
        self.name = name
        self.otherMembers = otherMembers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
    }

    /// Decodes VM info, keeping unmodelled members.
    public init(from decoder: any Decoder) throws {
        name = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .name)
        otherMembers = try decoder.otherMembers(besides: CodingKeys.self)
    }

    /// Encodes VM info with its unmodelled members.
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeOtherMembers(otherMembers)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
    }
}
