import BoshDirectorStore
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The PostgreSQL engine of the director store (postgres-nio): a connection pool, each transaction on its own
/// connection, so several workers and several director processes on different machines can share a database.
///
/// ```swift
/// let engine = try await PostgresEngine.open(location, logger: logger)
/// let store = try await DirectorStore.open(engine: engine)
/// ```
public final class PostgresEngine: DatabaseEngine {
    /// `postgres://user@host:port/database` (no password).
    public let name: String
    /// ``SQLDialect/postgres``.
    public var dialect: SQLDialect { .postgres }

    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    private init(name: String, client: PostgresClient, runner: Task<Void, Never>, logger: Logger) {
        self.name = name
        self.client = client
        self.runner = runner
        self.logger = logger
    }

    /// Connects to the server at `location` and checks it answers.
    /// - Parameters:
    ///   - connections: the pool's largest number of connections.
    ///   - connectTimeout: how long one connection attempt may take.
    /// - Throws: ``StoreError`` naming the database when it cannot be reached or refuses the credentials.
    public static func open(
        _ location: DatabaseURL.PostgresLocation, connections: Int = 8, connectTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "boshkit.store")
    ) async throws -> PostgresEngine {
        let name = DatabaseURL.postgres(location).description
        let tls: PostgresClient.Configuration.TLS
        switch location.tlsMode {
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.connectTimeout = connectTimeout
        // One direct connection first: the pool would retry refused credentials until cancelled, this one
        // reports the server's words.
        var single = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        single.options.connectTimeout = TimeAmount.nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000)
        if location.tlsMode != "disable" {
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                single.tls = location.tlsMode == "require" ? .require(context) : .prefer(context)
            } catch {
                throw StoreError.unavailable(name, "TLS: \(error)")
            }
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let engine = PostgresEngine(name: name, client: client, runner: runner, logger: logger)
        do {
            // Bound the first check: a server that accepts but never answers must not hang the caller.
            try await withThrowingTaskGroup(of: Void.self) { [single] group in
                group.addTask {
                    let connection = try await PostgresConnection.connect(configuration: single, id: 0, logger: logger)
                    try? await connection.close()
                    _ = try await client.query("SELECT 1", logger: logger).collect()
                }
                group.addTask {
                    try await Task.sleep(for: connectTimeout)
                    throw StoreError.unavailable(name, "no answer within \(connectTimeout)")
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            runner.cancel()
            throw (error as? StoreError) ?? StoreError.unavailable(name, Self.describe(error))
        }
        return engine
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                let executor = Executor(connection: connection, name: name, logger: logger)
                try await executor.query("BEGIN")
                do {
                    let value = try await body(executor)
                    try await executor.query("COMMIT")
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed(name, "a transaction", Self.describe(error))
        }
    }

    public func autocommit<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await body(Executor(connection: connection, name: name, logger: logger))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed(name, "a statement", Self.describe(error))
        }
    }

    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// The server's message, or what kept the client from reaching it (never the password).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    private struct Executor: SQLExecutor {
        let connection: PostgresConnection
        let name: String
        let logger: Logger

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            var bindings = PostgresBindings(capacity: binds.count)
            for value in binds {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let int): bindings.append(int)
                case .text(let text): bindings.append(text)
                case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
                }
            }
            do {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).collect()
                return try rows.map { row in
                    var columns: [String] = []
                    var values: [SQLValue] = []
                    for cell in row {
                        columns.append(cell.columnName)
                        values.append(try Self.value(of: cell))
                    }
                    return SQLRow(columns: columns, values: values)
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.failed(
                    name, "'\(sql.split(separator: " ").prefix(3).joined(separator: " "))…'", PostgresEngine.describe(error))
            }
        }

        static func value(of cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int8: return .integer(try cell.decode(Int64.self))
            case .int4: return .integer(Int64(try cell.decode(Int32.self)))
            case .int2: return .integer(Int64(try cell.decode(Int16.self)))
            case .bytea: return .bytes(Array(try cell.decode(ByteBuffer.self).readableBytesView))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
