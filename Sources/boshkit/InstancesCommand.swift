import ArgumentParser
import BoshDirector
import Foundation

/// `boshkit instances`: a deployment's instances with the process state their agents report.
struct InstancesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instances", abstract: "List a deployment's instances and their process states.")

    @Option(name: [.customShort("d"), .customLong("deployment")], help: "The deployment.")
    var deployment: String

    @OptionGroup var director: DirectorFlags

    @Flag(help: "Print bosh's JSON table format.")
    var json = false

    @Flag(
        name: [.customShort("i"), .customLong("details")],
        help: "Show details as bosh does (state, VM CID, VM type, disk CIDs, agent ID, index, bootstrap, ignore) and the agent's PID.")
    var details = false

    @Flag(name: [.customShort("p"), .customLong("ps")], help: "Show a row per process the agents supervise.")
    var processes = false

    func run() async throws {
        let director = try await director.open()
        let rows: [InstanceStatus]
        do { rows = try await director.instances(of: deployment) } catch {
            await director.close()
            throw CLIFailure("\(error)")
        }
        await director.close()
        let table = InstanceTable(details: details, processes: processes, cpiDirectory: DirectorLayout(root: self.director.state).cpiDirectory)
        let output = table.table(rows, deployment: deployment, json: json)
        FileHandle.standardOutput.write(Data((json ? output.json() : output.text()).utf8))
    }
}
