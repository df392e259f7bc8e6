import BoshArchive
import Logging

/// Reads release tarballs (`.tgz`) in one streaming pass: nothing is extracted, and only `release.MF` and
/// the (small) job archives' files are held in memory; package archives are hashed as they stream by.
///
/// Every job, package and license archive is verified against its `release.MF` digest (sha1 or the
/// multi-digest form; the strongest algorithm present is checked) with the system OpenSSL. Junk that real
/// tarballs carry (`./` prefixes, `._*` and `.DS_Store` files, unlisted archives, extracted directories) is
/// ignored; a listed license archive that is absent is tolerated, as bosh-cli tolerates it.
public enum ReleaseTarball {
    /// The largest `release.MF` or job file read into memory.
    public static let maximumFileSize = 64 << 20

    /// Reads and verifies a release tarball.
    /// - Parameters:
    ///   - path: the `.tgz` file.
    ///   - logger: where progress is logged (debug: one line per verified archive).
    ///   - heldPackages: fingerprints of packages the caller holds already: a listed package with one of them may
    ///     be absent from the tarball (``ReleasePackage/isInTarball`` is then `false`), as in the tarballs the
    ///     `bosh` CLI uploads after `POST /packages/matches`.
    /// - Returns: the release, jobs and packages in `release.MF` order.
    public static func read(
        at path: String, logger: Logger = quietLogger, heldPackages: Set<String> = []
    ) throws(ReleaseSpecError) -> Release {
        do {
            var scan = ReleaseScan(tarball: path)
            try scan.run(logger: logger)
            guard let manifest = scan.manifest else {
                throw ReleaseSpecError(.missingManifest, "release.MF not found in the tarball", file: path)
            }
            let missing = scan.uncomputedAlgorithms(for: manifest)
            if !missing.isEmpty {
                logger.debug(
                    "second pass for digests computed before release.MF was seen", metadata: ["tarball": "\(path)"])
                try scan.run(logger: logger, only: missing)
            }
            let release = try ReleaseVerifier(scan: scan, manifest: manifest, heldPackages: heldPackages).verify()
            logger.info(
                "read release",
                metadata: [
                    "name": "\(manifest.name)", "version": "\(manifest.version)", "jobs": "\(release.jobs.count)",
                    "packages": "\(release.packages.count)",
                ])
            return release
        } catch let error as ReleaseSpecError {
            throw error
        } catch let error as ArchiveError {
            if case .io = error.code { throw ReleaseSpecError(.io, error.description) }  // names the file already
            throw ReleaseSpecError(.archive, error.description, file: path)
        } catch {
            throw ReleaseSpecError(.io, "\(error)", file: path)
        }
    }

    /// Extracts a release tarball under `destination` (created if needed), refusing entries that would
    /// land outside it; returns the relative paths written.
    @discardableResult
    public static func extract(_ path: String, to destination: String) throws(ReleaseSpecError) -> [String] {
        do {
            let reader = TarReader(try GzipReader(try FileByteSource(path: path)))
            return try TarExtractor.extract(reader, to: destination)
        } catch let error as ArchiveError {
            throw ReleaseSpecError(.archive, error.description, file: path)
        } catch {
            throw ReleaseSpecError(.io, "\(error)", file: path)
        }
    }

    /// A logger that discards everything (the default).
    public static let quietLogger = Logger(label: "boshkit.release", factory: { _ in SwiftLogNoOpLogHandler() })
}
