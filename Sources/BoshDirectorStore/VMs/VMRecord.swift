import Foundation

/// A VM the director asked a CPI for. Recorded before `create_vm` is called (with no cid yet), completed with
/// the cid it answered, removed once `delete_vm` succeeded: a VM the director may have made always has a row,
/// so one that a crash left behind is found and deleted by the next deploy or delete.
public struct VMRecord: Sendable, Hashable {
    /// The agent id given to `create_vm` (unique per VM).
    public var agentID: String
    /// The deployment.
    public var deployment: String
    /// The instance it is for (`nil` for a compilation VM).
    public var instanceID: String?
    /// `instance` or `compilation`.
    public var purpose: String
    /// The CPI's VM id, once `create_vm` answered.
    public var cid: String?
    /// When it was recorded.
    public var createdAt: Date

    /// Creates a record.
    public init(agentID: String, deployment: String, instanceID: String?, purpose: String, cid: String? = nil, createdAt: Date = Date()) {
        self.agentID = agentID
        self.deployment = deployment
        self.instanceID = instanceID
        self.purpose = purpose
        self.cid = cid
        self.createdAt = createdAt
    }
}
