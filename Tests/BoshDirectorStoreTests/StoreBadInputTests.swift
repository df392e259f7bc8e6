import BoshDirectorPostgres
import BoshDirectorStore
import Foundation
import Testing

/// Bad database URLs and databases: a clear error naming the database, never a password, nothing written.
@Suite struct StoreBadInputTests {
    @Test func urlsAreParsedAndBadOnesExplained() throws {
        #expect(try DatabaseURL(parsing: "sqlite:/var/x/director.db") == .sqlite(path: "/var/x/director.db"))
        let pg = try DatabaseURL(parsing: "postgres://bosh:p%40ss@10.0.0.5:6432/director?sslmode=require")
        guard case .postgres(let location) = pg else { Issue.record("not postgres"); return }
        #expect(location.user == "bosh" && location.password == "p@ss" && location.port == 6432)
        #expect(location.database == "director" && location.tlsMode == "require")
        #expect(pg.description == "postgres://bosh@10.0.0.5:6432/director")
        #expect(try DatabaseURL(parsing: "postgresql://u@h/db").description == "postgres://u@h:5432/db")

        for (text, reason) in [
            ("mysql://u:secret@h/db", "expected sqlite:PATH or postgres://"),
            ("postgres://h/db", "no user name"),
            ("postgres://u:secret@h", "no database name"),
            ("postgres://u@h/db?sslmode=maybe", "sslmode must be"),
            ("sqlite:", "needs a file path"),
        ] {
            do {
                _ = try DatabaseURL(parsing: text)
                Issue.record("'\(text)' was accepted")
            } catch let error as StoreError {
                #expect(error.description.contains(reason), "\(error)")
                #expect(!error.description.contains("secret"), "\(error)")
            }
        }
    }

    @Test func anUnreachableServerIsNamedWithinTheTimeout() async throws {
        let port = try ThrowawayPostgres.freePort()
        let location = DatabaseURL.PostgresLocation(user: "bosh", password: "secret", host: "127.0.0.1", port: port, database: "bosh")
        let started = ContinuousClock.now
        do {
            _ = try await PostgresEngine.open(location, connectTimeout: .seconds(2))
            Issue.record("connected to nothing")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("Database 'postgres://bosh@127.0.0.1:\(port)/bosh': cannot be opened"), "\(error)")
            #expect(!error.description.contains("secret"))
        }
        // Bounded (a loaded machine starves the test pool, so the bound is loose): never a hang.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func wrongCredentialsAreTheServersWords() async throws {
        var location = try await ThrowawayPostgres.shared.makeDatabase()
        location.password = "wrong-password"
        do {
            _ = try await PostgresEngine.open(location, connectTimeout: .seconds(5))
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains("wrong-password"))
        }
    }

    @Test func aCorruptSQLiteFileIsNamed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-corrupt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/director.db"
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await DirectorStore.open(sqlitePath: path)
            Issue.record("a corrupt file was opened")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("Database 'sqlite:\(path)': cannot be opened: "), "\(error)")
            #expect(error.description.contains("not a database"), "\(error)")
        }
        // Untouched.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x5a, count: 8192))
    }

    @Test func aStateDirectoryThatCannotBeCreatedIsNamed() async throws {
        do {
            _ = try await DirectorStore.open(sqlitePath: "/dev/null/state/director.db")
            Issue.record("opened under a file")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("Database 'sqlite:/dev/null/state/director.db': cannot be opened: cannot create directory '/dev/null/state'"), "\(error)")
        }
    }
}
