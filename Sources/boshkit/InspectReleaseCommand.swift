import ArgumentParser
import Foundation
import ReleaseSpec

/// `boshkit inspect-release`: read and verify a release tarball, print what it holds.
struct InspectReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect-release",
        abstract: "Verify a release tarball and print its jobs and packages (like `bosh inspect-local-release`)."
    )

    @Argument(help: "Path to the release tarball (.tgz).")
    var tarball: String

    @Flag(help: "Print one JSON object using the manifests' field names.")
    var json = false

    func run() async throws {
        let output = try CLIFailure.reporting {
            let release = try ReleaseTarball.read(at: tarball)
            return json ? try release.jsonText() : release.summaryText()
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
