import AgentProtocol

/// What the health monitor knows of each agent: when it was last heard from and its last job state.
actor AgentTracker<C: Clock> where C.Duration == Duration {
    struct Entry {
        var lastSeen: C.Instant
        var jobState: String?
        var shutdown = false
    }

    private let clock: C
    private var entries: [String: Entry] = [:]

    init(clock: C) { self.clock = clock }

    /// Records a heartbeat; returns the previous job state when it changed.
    func heartbeat(_ agentID: String, jobState: String) -> (changed: Bool, previous: String?) {
        let previous = entries[agentID]?.jobState
        entries[agentID] = Entry(lastSeen: clock.now, jobState: jobState)
        return (previous != jobState, previous)
    }

    /// Records that the agent announced its shutdown (not to be resurrected).
    func shutdown(_ agentID: String) { entries[agentID, default: Entry(lastSeen: clock.now)].shutdown = true }

    /// Whether `agentID` has been silent longer than `timeout`; an agent never heard of starts its clock now.
    func isUnresponsive(_ agentID: String, timeout: Duration) -> Bool {
        guard let entry = entries[agentID] else {
            entries[agentID] = Entry(lastSeen: clock.now)
            return false
        }
        return !entry.shutdown && entry.lastSeen.duration(to: clock.now) > timeout
    }

    /// Forgets an agent (its VM was replaced).
    func forget(_ agentID: String) { entries[agentID] = nil }
}
