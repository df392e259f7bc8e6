import Foundation

/// Something that happened, as `bosh events` shows it.
public struct EventRecord: Sendable, Hashable {
    /// The event id.
    public var id: Int
    /// The event that this one ends (a finished update's start), if any.
    public var parentID: Int?
    /// When.
    public var timestamp: Date
    /// Who.
    public var user: String
    /// `create`, `update`, `delete`, `acquire`, `release`, `start`, `stop`, `recreate`…
    public var action: String
    /// `deployment`, `instance`, `release`, `stemcell`, `lock`, `vm`…
    public var objectType: String
    /// The object's name.
    public var objectName: String?
    /// The task id.
    public var task: String?
    /// The deployment.
    public var deployment: String?
    /// The instance (`group/uuid`).
    public var instance: String?
    /// The error, for a failed action.
    public var error: String?
    /// More about it (JSON object text).
    public var context: String

    /// An event to record (its id and time are given by the store).
    public init(
        action: String, objectType: String, objectName: String? = nil, user: String = "admin", task: String? = nil,
        deployment: String? = nil, instance: String? = nil, error: String? = nil, context: String = "{}", parentID: Int? = nil
    ) {
        self.id = 0
        self.parentID = parentID
        self.timestamp = Date(timeIntervalSince1970: 0)
        self.user = user
        self.action = action
        self.objectType = objectType
        self.objectName = objectName
        self.task = task
        self.deployment = deployment
        self.instance = instance
        self.error = error
        self.context = context
    }
}

/// Which events ``DirectorStore/events(_:)`` lists.
public struct EventFilter: Sendable, Hashable {
    /// Only events with a smaller id.
    public var beforeID: Int?
    /// Only this deployment's.
    public var deployment: String?
    /// Only this task's.
    public var task: String?
    /// Only this instance's.
    public var instance: String?
    /// Only this action.
    public var action: String?
    /// Only this object type.
    public var objectType: String?
    /// At most this many, newest first (200 unless given).
    public var limit: Int

    /// Creates a filter.
    public init(
        beforeID: Int? = nil, deployment: String? = nil, task: String? = nil, instance: String? = nil, action: String? = nil,
        objectType: String? = nil, limit: Int = 200
    ) {
        self.beforeID = beforeID
        self.deployment = deployment
        self.task = task
        self.instance = instance
        self.action = action
        self.objectType = objectType
        self.limit = limit
    }
}
