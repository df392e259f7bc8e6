import ArgumentParser
import CPIProtocol

/// `boshkit local-cpi`: the local CPI as an executable; one request on stdin, one response on stdout.
struct LocalCPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-cpi",
        abstract: "Serve one CPI request from stdin with the local CPI (VMs and disks are directories)."
    )

    @Option(help: "The directory holding the local CPI's stemcells, VMs, disks and snapshots.")
    var stateDir: String

    @Option(help: "A shell command started as each VM's agent by create_vm and stopped by delete_vm.")
    var agentCommand: String?

    @Option(help: "The mbus URL written into agent settings.")
    var mbus: String?

    func run() async throws {
        let configuration = LocalCPIConfiguration(stateDirectory: stateDir, agentCommand: agentCommand, mbusURL: mbus)
        await CPIMain.run(LocalCloudProvider(configuration: configuration))
    }
}
