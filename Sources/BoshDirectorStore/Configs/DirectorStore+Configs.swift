import Foundation

extension DirectorStore {
    /// Stores a new version of config `type`/`name` unless its latest version has the same content.
    /// - Parameter expectedLatestID: when given, the latest version's id must be this (`0`/`nil` for none yet);
    ///   otherwise ``StoreError/isConflict`` (the API's 412).
    /// - Returns: the latest version after the call, and whether it was created now.
    @discardableResult
    public func updateConfig(
        type: String, name: String = "default", content: String, team: String? = nil, expectedLatestID: Int? = nil
    ) async throws -> (config: ConfigRecord, created: Bool) {
        let now = millis
        let database = self.database
        return try await write { db in
            let latest = try await Self.latestConfig(type: type, name: name, db)
            if let expected = expectedLatestID, (latest?.id ?? 0) != expected {
                throw StoreError.conflict(
                    database, "The latest config id of \(type)/\(name) is '\(latest.map { "\($0.id)" } ?? "none")', not '\(expected)'")
            }
            if let latest, latest.content == content { return (latest, false) }
            guard let row = try await db.query(
                "INSERT INTO configs (type, name, content, created_at, team) VALUES ($1, $2, $3, $4, $5) RETURNING *",
                [.text(type), .text(name), .text(content), .integer(now), .text(team)]
            ).first else { throw StoreError.failed(database, "storing a config", "no row returned") }
            return (Self.config(row), true)
        }
    }

    /// The latest live version of config `type`/`name`.
    public func latestConfig(type: String, name: String = "default") async throws -> ConfigRecord? {
        try await write { db in try await Self.latestConfig(type: type, name: name, db) }
    }

    /// Config version `id`.
    public func config(id: Int) async throws -> ConfigRecord? {
        try await write { db in try await db.query("SELECT * FROM configs WHERE id = $1", [.int(id)]).first.map(Self.config) }
    }

    /// The configs of `type` (all types when `nil`): only the latest live version of each name, unless `history`.
    public func configs(type: String? = nil, name: String? = nil, history: Bool = false) async throws -> [ConfigRecord] {
        let all = try await write { db in
            try await db.query("SELECT * FROM configs ORDER BY id DESC").map(Self.config)
        }
        var seen = Set<String>()
        return all.filter { config in
            if let type, config.type != type { return false }
            if let name, config.name != name { return false }
            if history { return true }
            return seen.insert("\(config.type)\u{0}\(config.name)").inserted && !config.isDeleted
        }
    }

    /// Marks config `type`/`name` deleted (every version); `false` when there was none.
    @discardableResult
    public func deleteConfig(type: String, name: String = "default") async throws -> Bool {
        try await write { db in
            !(try await db.query(
                "UPDATE configs SET deleted = 1 WHERE type = $1 AND name = $2 AND deleted = 0 RETURNING id",
                [.text(type), .text(name)]
            ).isEmpty)
        }
    }

    static func latestConfig(type: String, name: String, _ db: any SQLExecutor) async throws -> ConfigRecord? {
        try await db.query(
            "SELECT * FROM configs WHERE type = $1 AND name = $2 AND deleted = 0 ORDER BY id DESC LIMIT 1", [.text(type), .text(name)]
        ).first.map(config)
    }

    static func config(_ row: SQLRow) -> ConfigRecord {
        ConfigRecord(
            id: row.int("id") ?? 0, type: row.string("type") ?? "", name: row.string("name") ?? "", content: row.string("content") ?? "",
            createdAt: date(row.int("created_at")) ?? Date(timeIntervalSince1970: 0), team: row.string("team"),
            isDeleted: row.bool("deleted") ?? false)
    }
}
