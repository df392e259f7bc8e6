import ArgumentParser
import BoshDirector
import Foundation

/// `boshkit deployments`: the deployments in the state directory.
struct DeploymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deployments", abstract: "List deployments.")

    @OptionGroup var director: DirectorFlags

    @Flag(help: "Print bosh's JSON table format.")
    var json = false

    func run() async throws {
        let layout = DirectorLayout(root: director.state)
        let rows = try CLIFailure.reporting {
            try DirectorStore(layout: layout).deploymentNames().compactMap { try DirectorStore(layout: layout).deployment($0) }
        }
        let table = BoshTable(
            content: "deployments", columns: [("name", "Name"), ("release_s", "Release(s)"), ("stemcell_s", "Stemcell(s)"), ("team_s", "Team(s)")],
            rows: rows.map { ["name": $0.name, "release_s": $0.releases.joined(separator: "\n"), "stemcell_s": $0.stemcells.joined(separator: "\n"), "team_s": ""] })
        FileHandle.standardOutput.write(Data((json ? table.json() : table.text()).utf8))
    }
}
