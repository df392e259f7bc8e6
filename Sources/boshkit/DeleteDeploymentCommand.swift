import ArgumentParser
import BoshDirector
import Foundation

/// `boshkit delete-deployment`: stop and delete every VM of a deployment and forget it.
struct DeleteDeploymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-deployment", abstract: "Delete a deployment: its instances' VMs and its record.")

    @Option(name: [.customShort("d"), .customLong("deployment")], help: "The deployment.")
    var deployment: String

    @OptionGroup var director: DirectorFlags

    @Flag(name: .customShort("n"), help: "Don't ask for confirmation.")
    var noConfirm = false

    @Flag(help: "Ignore errors from agents and the CPI.")
    var force = false

    func run() async throws {
        guard noConfirm || Confirmation.ask("Using deployment '\(deployment)'\n\nContinue? [yN]: ") else { return }
        let flags = self.director
        let director = try await flags.open()
        let output = try await flags.taskOutput(
            director, type: "delete_deployment", description: "delete deployment \(deployment)", deployment: deployment)
        let existed = try await flags.runTask(director, output) {
            try await director.deleteDeployment(deployment, force: force, output: output)
        }
        if !existed { FileHandle.standardOutput.write(Data("Deployment '\(deployment)' does not exist\n".utf8)) }
        await director.close()
        if flags.nats == nil {
            do { try await LocalDirector.stopLocalNATSIfIdle(stateDirectory: flags.state, store: director.store) } catch { throw CLIFailure("\(error)") }
        }
        FileHandle.standardOutput.write(Data("\nSucceeded\n".utf8))
    }
}
