import ArgumentParser
import BoshAgent
import Foundation
import Logging

/// `boshkit agent`: a local VM's BOSH agent, serving the director over NATS until SIGTERM or SIGINT.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run a local VM's BOSH agent (jobs, packages, processes) until SIGTERM.",
        discussion: """
            The VM root is --root, else $BOSHKIT_VM_DIR, else the settings file's directory; /var/vcap of a real \
            VM is <root>/var/vcap. On SIGTERM or SIGINT the agent stops its job processes and exits.
            """
    )

    @Option(help: "The agent settings file (default: $BOSHKIT_AGENT_SETTINGS).")
    var settings: String?

    @Option(help: "The VM directory (default: $BOSHKIT_VM_DIR, else the settings file's directory).")
    var root: String?

    @Option(help: "Seconds between heartbeats.")
    var heartbeatInterval: Double = 2

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard heartbeatInterval > 0 else { throw ValidationError("--heartbeat-interval must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard settings != nil || ProcessInfo.processInfo.environment["BOSHKIT_AGENT_SETTINGS"] != nil else {
            throw ValidationError("--settings is required (or set BOSHKIT_AGENT_SETTINGS)")
        }
    }

    func run() async throws {
        let signals = AgentRuntime.signalStream()
        var logger = Logger(label: "boshkit.agent", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let options = AgentRuntime.Options(
            settingsPath: settings ?? ProcessInfo.processInfo.environment["BOSHKIT_AGENT_SETTINGS"] ?? "", root: root,
            heartbeatInterval: .milliseconds(Int(heartbeatInterval * 1000)))
        let starting = Task { [logger] in try await AgentRuntime.start(options, logger: logger) }
        // A signal ends the agent at any time, also while it still waits for NATS.
        let signalled = Task { [logger] in
            for await signal in signals {
                logger.info("received signal \(signal); stopping")
                starting.cancel()
                return
            }
        }
        let runtime: AgentRuntime
        do {
            runtime = try await starting.value
        } catch is CancellationError {
            return
        } catch {
            signalled.cancel()
            throw CLIFailure("boshkit agent: \(error)")
        }
        await signalled.value
        await runtime.stop()
    }
}
