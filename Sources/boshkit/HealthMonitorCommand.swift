import ArgumentParser
import BoshDirector
import Foundation

/// `boshkit hm`: the health monitor: alerts on failing jobs and resurrects instances whose agents stop beating.
struct HealthMonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hm",
        abstract: "Run the health monitor: print alerts and resurrect instances whose agents stop sending heartbeats."
    )

    @OptionGroup var director: DirectorFlags

    @Option(name: .customLong("agent-timeout"), help: "Seconds without a heartbeat before an agent is unresponsive.")
    var agentTimeout = 10

    @Flag(name: .customLong("no-resurrect"), help: "Only alert; don't recreate unresponsive instances.")
    var noResurrect = false

    func run() async throws {
        let director = try await director.open(label: "boshkit.hm")
        try await Self.monitor(
            director, flags: self.director,
            configuration: HealthMonitorConfiguration(agentTimeout: .seconds(agentTimeout), resurrect: !noResurrect))
        await director.close()
    }

    /// Runs the monitor until SIGINT or SIGTERM.
    static func monitor(
        _ director: LocalDirector, flags: DirectorFlags,
        configuration: HealthMonitorConfiguration = HealthMonitorConfiguration()
    ) async throws {
        let monitor = HealthMonitor(
            director: director, configuration: configuration, clock: ContinuousClock(),
            output: { try await flags.taskOutput(director, type: "scan_and_fix", description: "scan and fix", deployment: nil) },
            alerts: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
        FileHandle.standardOutput.write(Data("Health monitor watching '\(director.layout.root)' (Ctrl-C to stop)\n".utf8))
        let task = Task { try await monitor.run() }
        await Signals.wait(for: [SIGINT, SIGTERM])
        task.cancel()
        _ = await task.result
    }
}
