import ArgumentParser
import BoshDirector
import Foundation
import Logging

/// Options shared by the commands that talk to the local director.
struct DirectorFlags: ParsableArguments {
    @Option(name: .customLong("state"), help: "The director's state directory.")
    var state = ".boshkit"

    @Option(name: .customLong("nats"), help: "Use this running NATS server instead of starting the local one (nats://host:port).")
    var nats: String?

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
            return try await LocalDirector.open(configuration)
        } catch {
            throw CLIFailure("\(error)")
        }
    }

    /// Task output for the next task number, live in a terminal and plain when piped.
    func taskOutput(_ director: LocalDirector) throws -> TaskOutput {
        TaskOutput(taskID: try CLIFailure.reporting { try director.store.nextTask() }, style: .detect(fileDescriptor: 1))
    }

    /// Runs a director task: ends its output with `done` or `error` and turns failures into CLI failures.
    func runTask<T>(_ director: LocalDirector, _ output: TaskOutput, _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            output.end(.done)
            return value
        } catch {
            output.error("\(error)")
            output.end(.error)
            await director.close()
            throw CLIFailure("\(error)")
        }
    }

    /// This executable's absolute path.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
