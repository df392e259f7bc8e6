import ArgumentParser
import Foundation
import StemcellSpec

/// `boshkit inspect-stemcell`: read a stemcell tarball and print its manifest.
struct InspectStemcellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect-stemcell",
        abstract: "Read a stemcell tarball (full or light) and print its stemcell.MF."
    )

    @Argument(help: "Path to the stemcell tarball (.tgz).")
    var tarball: String

    @Flag(help: "Print one JSON object using stemcell.MF's field names.")
    var json = false

    func run() async throws {
        let output = try CLIFailure.reporting {
            let stemcell = try StemcellTarball.read(at: tarball)
            return json ? stemcell.jsonText() : stemcell.summaryText()
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
