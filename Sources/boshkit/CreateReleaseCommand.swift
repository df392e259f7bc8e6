import ArgumentParser
import Foundation
import Logging
import ReleaseSpec

/// `boshkit create-release`: build a dev release tarball from a release directory.
struct CreateReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-release",
        abstract: "Build a dev release tarball from a release directory (like `bosh create-release --tarball`)."
    )

    @Argument(help: "The release directory (config/final.yml, jobs/, packages/, src/, blobs/).")
    var directory: String

    @Option(help: "Where to write the release tarball (.tgz).")
    var tarball: String

    @Option(help: "The release name (default: `name` in config/final.yml).")
    var name: String?

    @Option(help: "The release version (default: \(ReleaseBuilder.defaultVersion)).")
    var version: String?

    @Flag(help: "Use SHA-1 fingerprints and digests, as bosh-cli did before SHA-256 (default: SHA-256).")
    var sha1 = false

    func run() async throws {
        let output = try CLIFailure.reporting {
            let release = try ReleaseBuilder.build(
                directory: directory, name: name, version: version, to: tarball, algorithm: sha1 ? .sha1 : .sha256,
                logger: Logger(label: "boshkit.create-release", factory: { StreamLogHandler.standardError(label: $0) }))
            return release.summaryText() + "\nRelease tarball: \(release.tarball)\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
