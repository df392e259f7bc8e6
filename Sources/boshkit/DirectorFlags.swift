import ArgumentParser
import BoshDirector
import BoshDirectorPostgres
import Foundation
import Logging

/// Options shared by the commands that talk to the local director.
struct DirectorFlags: ParsableArguments {
    @Option(name: .customLong("state"), help: "The director's state directory.")
    var state = ".boshkit"

    @Option(name: .customLong("nats"), help: "Use this running NATS server instead of starting the local one (nats://host:port).")
    var nats: String?

    @Option(
        name: .customLong("database"),
        help: "The director's database: sqlite:PATH or postgres://user[:password]@host[:port]/db (default: sqlite:<state>/director.db).")
    var database: String?

    @Option(name: .customLong("log-level"), help: "Log level on stderr (trace, debug, info, notice, warning, error).")
    var logLevel = "error"

    /// Opens the director with the local CPI run from this executable.
    func open(label: String = "boshkit.director") async throws -> LocalDirector {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .error
        let layout = DirectorLayout(root: state)
        let configuration = DirectorConfiguration(
            stateDirectory: layout.root,
            cpiCommand: DirectorConfiguration.localCPICommand(boshkit: Self.executable, layout: layout),
            natsURL: nats, logger: logger)
        do {
            let store = try await openStore(layout: layout, logger: logger)
            do {
                return try await LocalDirector.open(configuration, store: store)
            } catch {
                await store.close()
                throw error
            }
        } catch {
            throw CLIFailure("\(error)")
        }
    }

    /// The store `--database` names (PostgreSQL, or SQLite), or the state directory's default SQLite store.
    /// JSON state of an older BoshKit in the state directory is imported into a new database.
    func openStore(layout: DirectorLayout, logger: Logger) async throws -> DirectorStore {
        guard let database else { return try await LocalDirector.openDefaultStore(layout: layout, logger: logger) }
        let engine: any DatabaseEngine
        switch try DatabaseURL(parsing: database) {
        case .sqlite(let path): engine = try await SQLiteEngine.open(path: path, logger: logger)
        case .postgres(let location): engine = try await PostgresEngine.open(location, logger: logger)
        }
        do {
            return try await DirectorStore.open(engine: engine, importingFrom: layout.root, logger: logger)
        } catch {
            await engine.close()
            throw error
        }
    }

    /// Task output of a new task (recorded as processing), live in a terminal and plain when piped.
    func taskOutput(_ director: LocalDirector, type: String, description: String, deployment: String?) async throws -> TaskOutput {
        let task = try await CLIFailure.reporting {
            try await director.beginTask(type: type, description: description, deployment: deployment)
        }
        return director.output(of: task, style: .detect(fileDescriptor: 1))
    }

    /// Runs a director task: ends its output and its record with `done` or `error` and turns failures into CLI
    /// failures. A failure is printed once, in the task's log (`Task N | … | Error: …` on stdout, where bosh
    /// prints it); stderr then says only that the task failed, in bosh's words.
    func runTask<T>(
        _ director: LocalDirector, _ output: TaskOutput, isCancelled: (T) -> Bool = { _ in false },
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            let value = try await body()
            let cancelled = isCancelled(value)
            output.end(cancelled ? .cancelled : .done)
            await director.endTask(output.taskID, cancelled: cancelled)
            return value
        } catch {
            output.error("\(error)")
            output.end(.error)
            await director.endTask(output.taskID, error: error)
            await director.close()
            throw CLIFailure("Expected task '\(output.taskID)' to succeed but state is 'error'")
        }
    }

    /// This executable's absolute path.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
