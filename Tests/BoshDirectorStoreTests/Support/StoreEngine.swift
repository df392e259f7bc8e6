import BoshDirectorPostgres
import BoshDirectorStore
import Foundation
import Logging
import Testing

/// The engines every store contract test runs on.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty database of this engine, handed to `body` and removed afterwards.
    func withDatabase<T>(_ body: (Database) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-store-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            return try await body(Database(url: .sqlite(path: directory + "/director.db"), directory: directory))
        case .postgres:
            let location = try await ThrowawayPostgres.shared.makeDatabase()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-store-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            return try await body(Database(url: .postgres(location), directory: directory))
        }
    }

    /// One database: open as many stores (connections, as separate processes would) on it as a test needs.
    struct Database: Sendable {
        let url: DatabaseURL
        /// A scratch directory (the SQLite file's, or an empty one).
        let directory: String

        func openEngine() async throws -> any DatabaseEngine {
            switch url {
            case .sqlite(let path): try await SQLiteEngine.open(path: path)
            // A minute, not the 10 s default: with the whole package's tests in parallel on two loaded cores, six
            // stores opened at once in one CI run all waited past 10 s while the same cluster answered other tests.
            case .postgres(let location): try await PostgresEngine.open(location, connectTimeout: .seconds(60))
            }
        }

        func open(importingFrom state: String? = nil, now: @escaping @Sendable () -> Date = { Date() }) async throws -> DirectorStore {
            let engine = try await openEngine()
            do {
                return try await DirectorStore.open(engine: engine, importingFrom: state, now: now)
            } catch {
                await engine.close()
                throw error
            }
        }

        /// Opens a store, runs `body`, closes the store (also when `body` throws).
        func with<T>(_ body: (DirectorStore) async throws -> T) async throws -> T {
            let store = try await open()
            do {
                let value = try await body(store)
                await store.close()
                return value
            } catch {
                await store.close()
                throw error
            }
        }
    }
}
