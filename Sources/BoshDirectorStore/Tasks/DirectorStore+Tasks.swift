import Foundation

extension DirectorStore {
    /// Records a new task.
    /// - Parameters:
    ///   - state: ``TaskRecord/State/queued`` for a worker to claim, or ``TaskRecord/State/processing`` for a
    ///     task the caller runs itself (then `worker` names it).
    /// - Returns: the task.
    public func createTask(
        type: String, description: String, deployment: String? = nil, user: String = "admin", contextID: String = "",
        payload: String? = nil, state: TaskRecord.State = .queued, worker: String? = nil
    ) async throws -> TaskRecord {
        let now = millis
        let row = try await single { db in
            try await db.query(
                """
                INSERT INTO tasks (state, type, description, deployment, username, context_id, payload, worker, created_at,
                  started_at, timestamp)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9) RETURNING *
                """,
                [
                    .text(state.rawValue), .text(type), .text(description), .text(deployment), .text(user), .text(contextID),
                    .text(payload), .text(worker), .integer(now), state == .processing ? .integer(now) : .null,
                ]
            ).first
        }
        guard let row else { throw StoreError.failed(database, "creating a task", "no row returned") }
        return try Self.task(row, database: database)
    }

    /// Claims the oldest queued task for `worker`: marks it processing and returns it, or `nil` when none waits.
    ///
    /// Two workers never get the same task: on PostgreSQL the row is locked with `FOR UPDATE SKIP LOCKED`, on
    /// SQLite the claim is one write transaction.
    public func claimTask(worker: String, types: [String] = []) async throws -> TaskRecord? {
        let now = millis
        let dialect = engine.dialect
        let database = self.database
        return try await single { db in
            // One statement: the oldest queued row, locked and skipped by concurrent claimers on PostgreSQL.
            var pick = "SELECT id FROM tasks WHERE state = 'queued'"
            var binds: [SQLValue] = [.text(worker), .integer(now)]
            if !types.isEmpty {
                pick += " AND type IN (" + types.indices.map { "$\($0 + 3)" }.joined(separator: ", ") + ")"
                binds += types.map { .text($0) }
            }
            pick += " ORDER BY id LIMIT 1" + dialect.skipLocked
            let claimed = try await db.query(
                "UPDATE tasks SET state = 'processing', worker = $1, started_at = $2, timestamp = $2 WHERE id = (\(pick)) AND state = 'queued' RETURNING *",
                binds)
            return try claimed.first.map { try Self.task($0, database: database) }
        }
    }

    /// Ends a task with `state` and its result text.
    public func finishTask(_ id: Int, state: TaskRecord.State, result: String?) async throws {
        let now = millis
        try await single { db in
            try await db.query(
                "UPDATE tasks SET state = $1, result = $2, timestamp = $3 WHERE id = $4",
                [.text(state.rawValue), .text(result), .integer(now), .int(id)])
        }
    }

    /// Asks a queued or running task to stop: a queued one is cancelled at once, a running one becomes
    /// `cancelling` until its worker reaches a checkpoint.
    /// - Returns: the task's state afterwards, `nil` when there is no such task.
    @discardableResult
    public func cancelTask(_ id: Int) async throws -> TaskRecord.State? {
        let now = millis
        return try await write { db in
            try await db.query(
                "UPDATE tasks SET state = 'cancelled', timestamp = $1 WHERE id = $2 AND state = 'queued'", [.integer(now), .int(id)])
            try await db.query("UPDATE tasks SET state = 'cancelling' WHERE id = $1 AND state = 'processing'", [.int(id)])
            return try await db.query("SELECT state FROM tasks WHERE id = $1", [.int(id)]).first?.string("state")
                .flatMap(TaskRecord.State.init(rawValue:))
        }
    }

    /// Ends tasks left `processing` or `cancelling` by worker processes of this machine that no longer exist
    /// (a director killed while it ran them) as `error`; returns their ids.
    @discardableResult
    public func endAbandonedTasks() async throws -> [Int] {
        let running = try await tasks(TaskFilter(states: [.processing, .cancelling]))
        var ended: [Int] = []
        for task in running {
            guard let worker = task.worker, let process = worker.split(separator: "/").first,
                Self.isDeadLocalProcess(String(process))
            else { continue }
            try await finishTask(task.id, state: .error, result: "The director process running this task ended before it finished")
            ended.append(task.id)
        }
        return ended
    }

    /// Task `id`, `nil` when there is none.
    public func task(_ id: Int) async throws -> TaskRecord? {
        let database = self.database
        return try await single { db in
            try await db.query("SELECT * FROM tasks WHERE id = $1", [.int(id)]).first.map { try Self.task($0, database: database) }
        }
    }

    /// The tasks `filter` selects, newest first.
    public func tasks(_ filter: TaskFilter = TaskFilter()) async throws -> [TaskRecord] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if !filter.states.isEmpty {
            conditions.append("state IN (" + filter.states.map { bind(.text($0.rawValue)) }.joined(separator: ", ") + ")")
        }
        if !filter.types.isEmpty {
            conditions.append("type IN (" + filter.types.map { bind(.text($0)) }.joined(separator: ", ") + ")")
        }
        if let deployment = filter.deployment { conditions.append("deployment = " + bind(.text(deployment))) }
        if let context = filter.contextID { conditions.append("context_id = " + bind(.text(context))) }
        var sql = "SELECT * FROM tasks"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id DESC"
        if let limit = filter.limit { sql += " LIMIT " + bind(.int(max(0, limit))) }
        let database = self.database
        let statement = sql
        let values = binds
        return try await single { db in try await db.query(statement, values).map { try Self.task($0, database: database) } }
    }

    /// Appends `bytes` to output `kind` of task `id`; readers at any offset see whole appends only.
    public func appendOutput(_ bytes: [UInt8], to id: Int, kind: TaskOutputKind) async throws {
        guard !bytes.isEmpty else { return }
        try await single { db in
            // One statement: the chunk starts where the last one ends.
            try await db.query(
                """
                INSERT INTO task_outputs (task_id, kind, start, data)
                SELECT $1, $2, COALESCE(MAX(start + LENGTH(data)), 0), $3 FROM task_outputs WHERE task_id = $1 AND kind = $2
                """,
                [.int(id), .text(kind.rawValue), .bytes(bytes)])
        }
    }

    /// The bytes of output `kind` of task `id` from byte `offset` on, and the output's whole size.
    public func output(of id: Int, kind: TaskOutputKind, from offset: Int = 0) async throws -> (bytes: [UInt8], size: Int) {
        try await single { db in
            // The chunk holding `offset` and every later one (the last chunk gives the size).
            let rows = try await db.query(
                """
                SELECT start, data FROM task_outputs WHERE task_id = $1 AND kind = $2 AND start >= COALESCE(
                  (SELECT MAX(start) FROM task_outputs WHERE task_id = $1 AND kind = $2 AND start <= $3), 0)
                ORDER BY start
                """,
                [.int(id), .text(kind.rawValue), .int(max(0, offset))])
            var bytes: [UInt8] = []
            var size = 0
            for row in rows {
                let start = row.int("start") ?? 0
                let data = row.bytes("data")
                size = start + data.count
                if size <= offset { continue }
                bytes += start >= offset ? data[...] : data[(offset - start)...]
            }
            return (bytes, size)
        }
    }

    static func task(_ row: SQLRow, database: String) throws -> TaskRecord {
        guard let id = row.int("id"), let state = row.string("state").flatMap(TaskRecord.State.init(rawValue:)) else {
            throw StoreError.failed(database, "reading a task", "a task row has no id or an unknown state '\(row.string("state") ?? "")'")
        }
        return TaskRecord(
            id: id, state: state, type: row.string("type") ?? "", description: row.string("description") ?? "",
            deployment: row.string("deployment"), user: row.string("username") ?? "admin", contextID: row.string("context_id") ?? "",
            payload: row.string("payload"), worker: row.string("worker"),
            createdAt: date(row.int("created_at")) ?? Date(timeIntervalSince1970: 0), startedAt: date(row.int("started_at")),
            timestamp: date(row.int("timestamp")) ?? Date(timeIntervalSince1970: 0), result: row.string("result"))
    }
}
