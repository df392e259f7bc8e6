import Foundation
import Logging
import NIOCore
import SQLiteNIO
import Synchronization

/// The embedded engine: one SQLite file in WAL mode (sqlite-nio), written by one transaction at a time.
///
/// Several processes may share the file: each transaction starts with `BEGIN IMMEDIATE` and waits up to
/// ``busyTimeout`` for another process's write to finish. Commits survive a killed process (WAL with
/// `synchronous=NORMAL`); the last ones may be lost on a power failure, never half-written.
public final class SQLiteEngine: DatabaseEngine {
    /// `sqlite:<path>`.
    public let name: String
    /// ``SQLDialect/sqlite``.
    public var dialect: SQLDialect { .sqlite }
    /// How long a transaction waits for another process's write lock.
    public static let busyTimeout: Duration = .seconds(30)

    private let connection: SQLiteConnection
    private let gate = SerialGate()
    private let closed = Mutex(false)
    private let logger: Logger

    private init(name: String, connection: SQLiteConnection, logger: Logger) {
        self.name = name
        self.connection = connection
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path` and its directory.
    /// - Throws: ``StoreError`` naming the file when it cannot be created, opened or is not a database.
    public static func open(path: String, logger: Logger = Logger(label: "boshkit.store")) async throws -> SQLiteEngine {
        let name = "sqlite:\(path)"
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable(name, "cannot create directory '\(directory)': \(error.localizedDescription)")
        }
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw StoreError.unavailable(name, "the file is not writable")
        }
        if !FileManager.default.isWritableFile(atPath: directory) {
            throw StoreError.unavailable(name, "the directory '\(directory)' is not writable (SQLite writes its journal beside the file)")
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError.unavailable(name, Self.describe(error))
        }
        let engine = SQLiteEngine(name: name, connection: connection, logger: logger)
        do {
            // journal_mode answers a row; a file that is not a database fails here.
            _ = try await connection.query("PRAGMA busy_timeout = \(busyTimeout.components.seconds * 1000)", [])
            let mode = try await connection.query("PRAGMA journal_mode = WAL", []).first?.column("journal_mode")?.string
            guard mode?.lowercased() == "wal" else {
                throw StoreError.unavailable(name, "cannot switch to WAL journaling (journal_mode is \(mode ?? "unknown"))")
            }
            _ = try await connection.query("PRAGMA synchronous = NORMAL", [])
            _ = try await connection.query("PRAGMA foreign_keys = ON", [])
        } catch let error as StoreError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw StoreError.unavailable(name, Self.describe(error))
        }
        return engine
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await gate.run {
            let executor = Executor(connection: connection, name: name)
            try await executor.query("BEGIN IMMEDIATE")
            do {
                let value = try await body(executor)
                try await executor.query("COMMIT")
                return value
            } catch {
                do { _ = try await connection.query("ROLLBACK", []) } catch {
                    logger.debug("rollback failed", metadata: ["database": "\(name)", "error": "\(error)"])
                }
                throw error
            }
        }
    }

    public func autocommit<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await gate.run { try await body(Executor(connection: connection, name: name)) }
    }

    public func close() async {
        try? await gate.run {
            guard !closed.withLock({ $0 }) else { return }
            closed.withLock { $0 = true }
            try await connection.close()
        }
    }

    deinit {
        // Never closed (an error path): close in the background; the future keeps the connection until then.
        if !closed.withLock({ $0 }) { _ = connection.close() }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return "\(error)"
    }

    private struct Executor: SQLExecutor {
        let connection: SQLiteConnection
        let name: String

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            let data: [SQLiteData] = binds.map { value in
                switch value {
                case .null: .null
                case .integer(let int): .integer(SQLiteInt64(int))
                case .text(let text): .text(text)
                case .bytes(let bytes): .blob(ByteBuffer(bytes: bytes))
                }
            }
            let rows: [SQLiteRow]
            do {
                rows = try await connection.query(Self.positional(sql), data)
            } catch {
                throw StoreError.failed(name, "'\(sql.split(separator: " ").prefix(3).joined(separator: " "))…'", SQLiteEngine.describe(error))
            }
            return rows.map { row in
                let columns = row.columns
                return SQLRow(
                    columns: columns.map(\.name),
                    values: columns.map { column in
                        switch column.data {
                        case .null: .null
                        case .integer(let int): .integer(Int64(int))
                        case .float(let double): .integer(Int64(double))
                        case .text(let text): .text(text)
                        case .blob(let buffer): .bytes(Array(buffer.readableBytesView))
                        }
                    })
            }
        }

        /// `$1` → `?1`: SQLite's numbered parameters (outside quoted text).
        static func positional(_ sql: String) -> String {
            guard sql.contains("$") else { return sql }
            var out = ""
            out.reserveCapacity(sql.utf8.count)
            var quoted = false
            for character in sql {
                if character == "'" { quoted.toggle() }
                out.append(character == "$" && !quoted ? "?" : character)
            }
            return out
        }
    }
}
