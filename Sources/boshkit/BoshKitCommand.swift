import ArgumentParser
import Foundation

/// The `boshkit` demo CLI: each subcommand wires BoshKit libraries together and adds no logic of its own.
@main
struct BoshKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boshkit",
        abstract: "A demo of the BoshKit Swift SDK for Cloud Foundry BOSH.",
        version: "0.1.0",
        subcommands: [
            // Each subcommand lives in its own file; keep one line per subcommand here.
            IntCommand.self,
            DiffCommand.self,
            LocalCPICommand.self,
            InspectReleaseCommand.self,
            InspectStemcellCommand.self,
            PlanCommand.self,
            RenderCommand.self,
            DeployCommand.self,
            HealthMonitorCommand.self,
            DeploymentsCommand.self,
            InstancesCommand.self,
            DeleteDeploymentCommand.self,
            CreateReleaseCommand.self,
            CreateStemcellCommand.self,
            DirectorCommand.self,
            AgentCommand.self,
        ]
    )

    /// Prints ``CLIFailure``s as they are (no "Error:" prefix) and exits with their status.
    static func main() async {
        PeakMemoryReport.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            Foundation.exit(failure.status)
        } catch {
            exit(withError: error)
        }
    }
}
