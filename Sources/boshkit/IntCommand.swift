import ArgumentParser

/// `boshkit int`: interpolate a manifest and print it as `bosh int` does.
struct IntCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "int",
        abstract: "Print a manifest the way `bosh int` prints it."
    )

    @Argument(help: "Path to the YAML file.")
    var manifest: String

    func run() async throws {
        throw CleanExit.message("not yet implemented")
    }
}
