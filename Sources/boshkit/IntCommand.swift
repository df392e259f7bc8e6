import ArgumentParser
import BoshYAML
import Foundation

/// `boshkit int`: interpolate a manifest and print it as `bosh int` does.
struct IntCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "int",
        abstract: "Print a YAML file the way `bosh int` prints it."
    )

    @Argument(help: "Path to the YAML file.")
    var file: String

    func run() async throws {
        let tree = try CLIInput.parseYAML(atPath: file)
        FileHandle.standardOutput.write(Data(try tree.emitBytes(style: .boshInt)))
    }
}
