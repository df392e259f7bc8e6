import ArgumentParser

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
            LocalCPICommand.self,
        ]
    )
}
