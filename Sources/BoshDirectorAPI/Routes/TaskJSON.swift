import BoshDirectorStore
import Foundation

/// A task as the director's API shows it.
struct TaskJSON: Encodable {
    var id: Int
    var state: String
    var description: String
    var timestamp: Int
    var started_at: Int?
    var result: String?
    var user: String
    var deployment: String?
    var context_id: String?

    init(_ task: TaskRecord) {
        id = task.id
        state = task.state.rawValue
        description = task.description
        timestamp = Int(task.timestamp.timeIntervalSince1970)
        started_at = task.startedAt.map { Int($0.timeIntervalSince1970) }
        result = task.result
        user = task.user
        deployment = task.deployment
        context_id = task.contextID.isEmpty ? nil : task.contextID
    }

    enum CodingKeys: String, CodingKey { case id, state, description, timestamp, started_at, result, user, deployment, context_id }

    /// Every key present, `null` where empty (as the director answers).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(state, forKey: .state)
        try c.encode(description, forKey: .description)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(started_at, forKey: .started_at)
        try c.encode(result, forKey: .result)
        try c.encode(user, forKey: .user)
        try c.encode(deployment, forKey: .deployment)
        try c.encode(context_id, forKey: .context_id)
    }
}
