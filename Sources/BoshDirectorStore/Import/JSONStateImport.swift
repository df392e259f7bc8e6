import Foundation

/// Imports the JSON state files that BoshKit wrote before the database store (`director.json`,
/// `deployments/*.json`, `releases.json`, `stemcells.json`, `compiled-packages.json`), so deployments made
/// with an older BoshKit are kept. Runs once, in the transaction that creates the database's director UUID;
/// the files are then moved to `<state>/imported-json/`.
enum JSONStateImport {
    struct LegacyDirector: Decodable {
        var uuid: String
        var lastTask: Int
    }

    /// Whether `stateDirectory` holds JSON state to import.
    static func hasState(in stateDirectory: String) -> Bool {
        FileManager.default.fileExists(atPath: stateDirectory + "/director.json")
    }

    /// Imports into `db`; returns the imported director UUID.
    static func run(from stateDirectory: String, into db: any SQLExecutor, dialect: SQLDialect, database: String, now: Int64) async throws -> String {
        func read<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T? {
            let path = stateDirectory + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            do {
                return try JSONDecoder().decode(T.self, from: data)
            } catch {
                throw StoreError.failed(database, "importing '\(path)'", "not valid state JSON: \(error)")
            }
        }
        guard let director = try read(LegacyDirector.self, "director.json") else {
            throw StoreError.failed(database, "importing '\(stateDirectory)/director.json'", "the file cannot be read")
        }
        try await db.query("INSERT INTO director_attributes (name, value) VALUES ('uuid', $1)", [.text(director.uuid)])
        if director.lastTask > 0 {
            // Task numbers go on from the last one handed out.
            try await db.query(
                "INSERT INTO tasks (id, state, type, description, username, created_at, started_at, timestamp, result) VALUES ($1, 'done', 'import_state', 'import JSON state', 'admin', $2, $2, $2, $3)",
                [.int(director.lastTask), .integer(now), .text("imported from \(stateDirectory)")])
            if dialect == .postgres {
                try await db.query("SELECT setval(pg_get_serial_sequence('tasks', 'id'), $1)", [.int(director.lastTask)])
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: stateDirectory + "/deployments")) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        for file in names {
            guard let record = try read(DeploymentRecord.self, "deployments/\(file)") else { continue }
            try await DirectorStore.upsertDeployment(record, at: now, db)
            for instance in record.instances { try await DirectorStore.upsertInstance(instance, deployment: record.name, db) }
            for instance in record.instances {
                // Every VM the old state knew of is recorded, so reconciliation can account for it.
                guard let agent = instance.agentID else { continue }
                try await db.query(
                    "INSERT INTO vms (agent_id, deployment, instance_uuid, purpose, cid, created_at) VALUES ($1, $2, $3, 'instance', $4, $5)",
                    [.text(agent), .text(record.name), .text(instance.id), .text(instance.vmCID), .integer(now)])
            }
        }
        for release in try read([ReleaseRecord].self, "releases.json") ?? [] {
            try await DirectorStore.insert(release, at: now, database: database, db)
        }
        for stemcell in try read([StemcellRecord].self, "stemcells.json") ?? [] {
            try await DirectorStore.insert(stemcell, at: now, db)
        }
        for package in try read([CompiledPackageRecord].self, "compiled-packages.json") ?? [] {
            try await DirectorStore.upsert(package, at: now, db)
        }
        return director.uuid
    }

    /// Moves the imported files to `<state>/imported-json/` (best effort: a leftover file is never imported
    /// again, since the database then has a UUID).
    static func archive(_ stateDirectory: String) {
        let target = stateDirectory + "/imported-json"
        let manager = FileManager.default
        try? manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in ["director.json", "releases.json", "stemcells.json", "compiled-packages.json", "deployments"] {
            let path = stateDirectory + "/" + name
            guard manager.fileExists(atPath: path) else { continue }
            try? manager.moveItem(atPath: path, toPath: target + "/" + name)
        }
    }
}
