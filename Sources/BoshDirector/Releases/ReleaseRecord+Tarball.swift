import BoshDirectorStore
import Logging
import ReleaseSpec

extension ReleaseRecord {
    /// Reads the kept tarball of this release; the packages it lacks (held in the blobstore from an earlier
    /// release, as the `bosh` CLI uploads them) are accepted.
    func readTarball(logger: Logger) throws -> Release {
        try ReleaseTarball.read(
            at: tarball, logger: logger, heldPackages: Set(packages.filter { !$0.blobstoreID.isEmpty }.map(\.version)))
    }
}
