import ArgumentParser
import Foundation
import StemcellSpec

/// `boshkit create-stemcell`: write a local stemcell tarball (for `bosh upload-stemcell` or `deploy --stemcell`).
struct CreateStemcellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-stemcell",
        abstract: "Write a local stemcell tarball for the local CPI (bosh-local-<os>-go_agent, stemcell_formats [local])."
    )

    @Option(help: "The operating system the manifest's stemcells name (e.g. ubuntu-jammy).")
    var os: String

    @Option(help: "The stemcell version.")
    var version = "1"

    @Option(help: "Where to write the stemcell tarball (.tgz).")
    var tarball: String

    func run() async throws {
        let output = try CLIFailure.reporting {
            let stemcell = try StemcellBuilder.writeLocal(os: os, version: version, to: tarball)
            return stemcell.summaryText() + "\nStemcell tarball: \(URL(fileURLWithPath: tarball).standardizedFileURL.path)\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
