import ArgumentParser
import BoshDirector
import Foundation
import Logging

/// `boshkit deployments`: the deployments in the state directory.
struct DeploymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deployments", abstract: "List deployments.")

    @OptionGroup var director: DirectorFlags

    @Flag(help: "Print bosh's JSON table format.")
    var json = false

    func run() async throws {
        let layout = DirectorLayout(root: director.state)
        var rows: [DeploymentRecord] = []
        let fresh = director.database == nil && !FileManager.default.fileExists(atPath: layout.databaseFile)
            && !FileManager.default.fileExists(atPath: layout.path("director.json"))
        if !fresh {  // listing creates no state directory
            var logger = Logger(label: "boshkit.store")
            logger.logLevel = Logger.Level(rawValue: director.logLevel) ?? .error
            let store = try await CLIFailure.reporting { try await director.openStore(layout: layout, logger: logger) }
            rows = try await CLIFailure.reporting { try await store.deployments() }
            await store.close()
        }
        let table = BoshTable(
            content: "deployments", columns: [("name", "Name"), ("release_s", "Release(s)"), ("stemcell_s", "Stemcell(s)"), ("team_s", "Team(s)")],
            rows: rows.map { ["name": $0.name, "release_s": $0.releases.joined(separator: "\n"), "stemcell_s": $0.stemcells.joined(separator: "\n"), "team_s": ""] })
        FileHandle.standardOutput.write(Data((json ? table.json() : table.text()).utf8))
    }
}
