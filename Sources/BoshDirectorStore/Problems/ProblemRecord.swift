import Foundation

/// A problem a cloud-check scan found with an instance of a deployment (`bosh cloud-check`).
public struct ProblemRecord: Sendable, Hashable {
    /// The problem's id (the CLI reads it as an integer).
    public var id: Int
    /// The deployment.
    public var deployment: String
    /// `unresponsive_agent` or `missing_vm`.
    public var type: String
    /// The instance's uuid.
    public var instanceID: String
    /// `open`, `resolved` or `closed` (a later scan closed it).
    public var state: String
    /// When it was found.
    public var createdAt: Date

    /// Creates a record (`id` 0 until stored).
    public init(id: Int = 0, deployment: String, type: String, instanceID: String, state: String = "open", createdAt: Date = Date()) {
        self.id = id
        self.deployment = deployment
        self.type = type
        self.instanceID = instanceID
        self.state = state
        self.createdAt = createdAt
    }
}
