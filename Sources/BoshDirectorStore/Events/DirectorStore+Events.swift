import Foundation

extension DirectorStore {
    /// Records an event; returns its id.
    @discardableResult
    public func record(_ event: EventRecord) async throws -> Int {
        let now = millis
        let id = try await single { db in
            try await db.query(
                """
                INSERT INTO events (parent_id, timestamp, username, action, object_type, object_name, task, deployment,
                  instance, error, context)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
                """,
                [
                    .int(event.parentID), .integer(now), .text(event.user), .text(event.action), .text(event.objectType),
                    .text(event.objectName), .text(event.task), .text(event.deployment), .text(event.instance),
                    .text(event.error), .text(event.context),
                ]
            ).first?.int("id")
        }
        return id ?? 0
    }

    /// The events `filter` selects, newest first.
    public func events(_ filter: EventFilter = EventFilter()) async throws -> [EventRecord] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func add(_ column: String, _ op: String, _ value: SQLValue?) {
            guard let value, value != .null else { return }
            binds.append(value)
            conditions.append("\(column) \(op) $\(binds.count)")
        }
        add("id", "<", .int(filter.beforeID))
        add("deployment", "=", .text(filter.deployment))
        add("task", "=", .text(filter.task))
        add("instance", "=", .text(filter.instance))
        add("action", "=", .text(filter.action))
        add("object_type", "=", .text(filter.objectType))
        binds.append(.int(max(0, filter.limit)))
        let sql = "SELECT * FROM events" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY id DESC LIMIT $\(binds.count)"
        let values = binds
        return try await write { db in
            try await db.query(sql, values).map { row in
                var event = EventRecord(
                    action: row.string("action") ?? "", objectType: row.string("object_type") ?? "",
                    objectName: row.string("object_name"), user: row.string("username") ?? "", task: row.string("task"),
                    deployment: row.string("deployment"), instance: row.string("instance"), error: row.string("error"),
                    context: row.string("context") ?? "{}", parentID: row.int("parent_id"))
                event.id = row.int("id") ?? 0
                event.timestamp = Self.date(row.int("timestamp")) ?? Date(timeIntervalSince1970: 0)
                return event
            }
        }
    }
}
