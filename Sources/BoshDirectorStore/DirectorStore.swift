import Foundation
import Logging

/// The director's records in a database: deployments and instances, releases, stemcells, compiled packages,
/// tasks and their output, events, configs, locks, VMs and heartbeats.
///
/// One interface over two engines with one schema: ``SQLiteEngine`` (`sqlite:<state>/director.db`, the
/// default) and PostgreSQL (`BoshDirectorPostgres`). Every change is one transaction, so a process killed at
/// any moment leaves the last committed state, never half of a change.
///
/// ```swift
/// let store = try await DirectorStore.open(engine: try await SQLiteEngine.open(path: "state/director.db"))
/// let task = try await store.createTask(type: "update_deployment", description: "create deployment", deployment: "web")
/// ```
public final class DirectorStore: Sendable {
    /// The engine.
    public let engine: any DatabaseEngine
    /// The director's UUID (created with the schema).
    public let uuid: String
    /// The current time (injectable: locks expire and tasks are stamped by it).
    public let now: @Sendable () -> Date
    let logger: Logger

    /// The database, as errors name it.
    public var database: String { engine.name }

    private init(engine: any DatabaseEngine, uuid: String, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.engine = engine
        self.uuid = uuid
        self.now = now
        self.logger = logger
    }

    /// Opens the store on `engine`: applies missing migrations and creates the director's UUID on first use.
    /// - Throws: ``StoreError`` when the schema is newer than this code or a migration fails (a failed migration
    ///   is rolled back whole).
    /// - Parameter importingFrom: a state directory whose JSON state files (written before the database store)
    ///   are imported when the database is new; they are then moved to `<state>/imported-json/`.
    public static func open(
        engine: any DatabaseEngine, importingFrom stateDirectory: String? = nil, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "boshkit.store")
    ) async throws -> DirectorStore {
        try await migrate(engine, logger: logger)
        let start = millis(now())
        let (uuid, imported) = try await engine.transaction { db -> (String, Bool) in
            if let existing = try await db.query("SELECT value FROM director_attributes WHERE name = 'uuid'").first?.string("value") {
                return (existing, false)
            }
            if let stateDirectory, JSONStateImport.hasState(in: stateDirectory) {
                logger.info("importing JSON state", metadata: ["state": "\(stateDirectory)", "database": "\(engine.name)"])
                let uuid = try await JSONStateImport.run(
                    from: stateDirectory, into: db, dialect: engine.dialect, database: engine.name, now: start)
                return (uuid, true)
            }
            let fresh = UUID().uuidString.lowercased()
            try await db.query("INSERT INTO director_attributes (name, value) VALUES ('uuid', $1)", [.text(fresh)])
            return (fresh, false)
        }
        if imported, let stateDirectory { JSONStateImport.archive(stateDirectory) }
        return DirectorStore(engine: engine, uuid: uuid, now: now, logger: logger)
    }

    /// Opens the SQLite store at `path` (see ``open(engine:importingFrom:now:logger:)``).
    public static func open(sqlitePath path: String, logger: Logger = Logger(label: "boshkit.store")) async throws -> DirectorStore {
        let engine = try await SQLiteEngine.open(path: path, logger: logger)
        do {
            return try await open(engine: engine, logger: logger)
        } catch {
            await engine.close()
            throw error
        }
    }

    /// The schema version of the database (0 before the first migration).
    public func schemaVersion() async throws -> Int {
        try await engine.transaction { db in try await Self.version(db) }
    }

    /// Closes the engine.
    public func close() async { await engine.close() }

    /// Runs `body` in one transaction.
    @discardableResult
    func write<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await engine.transaction(body)
    }

    /// Runs `body`'s statements each committed on its own (for changes and reads of one statement).
    @discardableResult
    func single<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await engine.autocommit(body)
    }

    /// The current time in milliseconds since 1970.
    var millis: Int64 { Self.millis(now()) }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int?) -> Date? { millis.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    private static func version(_ db: any SQLExecutor) async throws -> Int {
        try await db.query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
        return try await db.query("SELECT MAX(version) AS version FROM schema_migrations").first?.int("version") ?? 0
    }

    /// Applies the migrations up to `version` only (tests of a later migration on an older database).
    package static func migrate(_ engine: any DatabaseEngine, upTo version: Int) async throws {
        try await migrate(engine, logger: Logger(label: "boshkit.store"), upTo: version)
    }

    private static func migrate(_ engine: any DatabaseEngine, logger: Logger, upTo limit: Int = .max) async throws {
        try await engine.transaction { db in
            if !engine.dialect.migrationLock.isEmpty { try await db.query(engine.dialect.migrationLock) }
            let current = try await version(db)
            guard current <= Schema.latestVersion else {
                throw StoreError.newerSchema(engine.name, found: current, known: Schema.latestVersion)
            }
            for migration in Schema.migrations where migration.version > current && migration.version <= limit {
                logger.debug("migrating", metadata: ["database": "\(engine.name)", "version": "\(migration.version)"])
                for statement in migration.statements { try await db.query(Schema.render(statement, engine.dialect)) }
                try await db.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                    [.int(migration.version), .integer(millis(Date()))])
            }
        }
    }
}

/// JSON text for the store's list and map columns.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?, database: String, what: String) throws -> T? {
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError.failed(database, "reading \(what)", "the stored JSON does not decode: \(error)")
        }
    }
}
