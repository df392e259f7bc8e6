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

    func run() async throws {
        let director = try await director.open()
        let rows: [InstanceStatus]
        do { rows = try await director.instances(of: deployment) } catch {
            await director.close()
            throw CLIFailure("\(error)")
        }
        await director.close()
        let table = BoshTable(
            content: "instances", columns: [("instance", "Instance"), ("process_state", "Process State"), ("az", "AZ"), ("ips", "IPs")],
            rows: rows.map { ["instance": $0.instance, "process_state": $0.processState, "az": $0.az, "ips": $0.ips] },
            title: "Deployment '\(deployment)'")
        FileHandle.standardOutput.write(Data((json ? table.json() : table.text()).utf8))
    }
}
