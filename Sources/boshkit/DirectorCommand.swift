import ArgumentParser
import BoshDirector
import BoshDirectorAPI
import Foundation
import Logging

/// `boshkit director start|env`: the director's REST API for the real `bosh` CLI.
struct DirectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "director", abstract: "Serve the director's REST API (what the bosh CLI talks to).",
        subcommands: [Start.self, Env.self])

    /// Where `start` records the address it listens on, for `env`.
    struct Endpoint: Codable {
        var host: String
        var port: Int
    }

    static func endpointPath(_ state: String) -> String { DirectorLayout(root: state).path("director/endpoint.json") }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Serve the director API over HTTPS until SIGTERM/SIGINT (certificates and the admin password are generated on first start).")

        @Option(name: .customLong("state"), help: "The director's state directory.")
        var state = ".boshkit"

        @Option(
            name: .customLong("database"),
            help: "The director's database: sqlite:PATH or postgres://user[:password]@host[:port]/db (default: sqlite:<state>/director.db).")
        var database: String?

        @Option(help: "The address to listen on.")
        var listen = "127.0.0.1"

        @Option(help: "The port to listen on (0: a free one).")
        var port = 25555

        @Option(name: .customLong("log-level"), help: "Log level on stderr (trace, debug, info, notice, warning, error).")
        var logLevel = "info"

        @Option(help: "How many tasks run at once.")
        var workers = 3

        @Option(name: .customLong("agent-timeout"), help: "Seconds without a heartbeat before the health monitor resurrects an instance.")
        var agentTimeout = 10

        @Flag(name: .customLong("no-resurrect"), help: "Run the health monitor without resurrecting instances.")
        var noResurrect = false

        func run() async throws {
            var logger = Logger(label: "boshkit.director")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            var flags = try DirectorFlags.parse(["--state", state, "--log-level", logLevel])
            flags.database = database
            let layout = DirectorLayout(root: state)
            let credentials = try CLIFailure.reporting {
                try layout.create()
                return try DirectorCredentials.loadOrGenerate(stateDirectory: layout.root, listen: listen)
            }
            // The engine: store, local NATS, local CPI, blobstore.
            let director = try await flags.open(label: "boshkit.director")
            let abandoned = (try? await director.store.endAbandonedTasks()) ?? []
            if !abandoned.isEmpty { logger.warning("ended tasks of a director that is gone", metadata: ["tasks": "\(abandoned)"]) }
            let api = DirectorAPI(
                store: director.store, credentials: credentials, scratchDirectory: layout.temporaryDirectory,
                blobstoreDirectory: layout.blobstoreDirectory, logger: logger)
            let runner = DirectorTaskRunner(director: director)
            let pool = TaskWorkers(store: director.store, count: workers, logger: logger) { task in try await runner.run(task) }
            let host = listen
            let endpointFile = DirectorCommand.endpointPath(layout.root)
            let app = try CLIFailure.reporting {
                try api.application(host: host, port: port) { bound in
                    let data = (try? JSONEncoder().encode(Endpoint(host: host, port: bound))) ?? Data()
                    _ = FileManager.default.createFile(atPath: endpointFile, contents: data)
                    FileHandle.standardOutput.write(
                        Data("Director listening on https://\(host):\(bound) (eval \"$(boshkit director env --state \(layout.root))\")\n".utf8))
                }
            }
            let working = Task { await pool.run() }
            // The health monitor in the same process: its resurrections are tasks `bosh tasks` shows.
            let monitor = HealthMonitor(
                director: director,
                configuration: HealthMonitorConfiguration(agentTimeout: .seconds(agentTimeout), resurrect: !noResurrect),
                clock: ContinuousClock(),
                output: {
                    let task = try await director.beginTask(type: "scan_and_fix", description: "scan and fix")
                    return director.output(of: task, style: .plain, sink: TaskOutputSink(write: { _ in }))
                },
                alerts: { [logger] line in logger.info("\(line)") })
            let monitoring = Task { try await monitor.run() }
            var failure: (any Error)?
            do { try await app.runService() } catch { failure = error }
            working.cancel()
            monitoring.cancel()
            await working.value
            _ = await monitoring.result
            try? FileManager.default.removeItem(atPath: endpointFile)
            await director.close()
            if database == nil {
                // With nothing deployed, no process is left behind (as after delete-deployment).
                _ = try? await LocalDirector.stopLocalNATSIfIdle(stateDirectory: layout.root, store: director.store)
            }
            await director.store.close()
            if let failure { throw CLIFailure("\(failure)") }
        }
    }

    struct Env: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "env", abstract: "Print the environment that points the bosh CLI at this director (eval it).")

        @Option(name: .customLong("state"), help: "The director's state directory.")
        var state = ".boshkit"

        func run() async throws {
            let layout = DirectorLayout(root: state)
            let path = DirectorCredentials.storePath(stateDirectory: layout.root)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIFailure("No director credentials in '\(path)': run `boshkit director start --state \(state)` first")
            }
            let endpoint = (try? JSONDecoder().decode(Endpoint.self, from: Data(contentsOf: URL(fileURLWithPath: DirectorCommand.endpointPath(layout.root)))))
                ?? Endpoint(host: "127.0.0.1", port: 25555)
            let credentials = try CLIFailure.reporting { try DirectorCredentials.loadOrGenerate(stateDirectory: layout.root, listen: endpoint.host) }
            func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let host = endpoint.host == "0.0.0.0" ? "127.0.0.1" : endpoint.host
            let lines = [
                "export BOSH_ENVIRONMENT=\(quoted("https://\(host):\(endpoint.port)"))",
                "export BOSH_CA_CERT=\(quoted(credentials.ca))",
                "export BOSH_CLIENT=\(quoted(credentials.user))",
                "export BOSH_CLIENT_SECRET=\(quoted(credentials.password))",
            ]
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
