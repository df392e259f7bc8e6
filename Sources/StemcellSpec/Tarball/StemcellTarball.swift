import BoshArchive
import Logging

/// Reads stemcell tarballs in one streaming pass: `stemcell.MF` into memory, the `image` hashed as it
/// streams by (never held in memory), everything else skipped.
public enum StemcellTarball {
    /// Reads a stemcell tarball; a full stemcell's image must match `stemcell.MF`'s `sha1`.
    /// - Parameters:
    ///   - path: the `.tgz` file.
    ///   - logger: where progress is logged.
    public static func read(at path: String, logger: Logger = quietLogger) throws(StemcellSpecError) -> Stemcell {
        do {
            let tar = TarReader(try GzipReader(try FileByteSource(path: path)))
            var manifest: StemcellManifest?
            var image: (size: Int64, digests: [DigestAlgorithm: String], gzip: Bool)?
            while let entry = try tar.next() {
                guard entry.kind == .file else { continue }
                switch entry.path {
                case "stemcell.MF":
                    manifest = try StemcellManifest(
                        bytes: try tar.readContent(limit: 16 << 20), file: "\(path):stemcell.MF")
                case "image":
                    let hashers = Self.algorithms(for: manifest).map { DigestHasher($0) }
                    var head: [UInt8] = []
                    try tar.forEachContentChunk { chunk in
                        if head.count < 2 { head += chunk.prefix(2 - head.count) }
                        for hasher in hashers { hasher.update(chunk) }
                    }
                    let digests = Dictionary(uniqueKeysWithValues: hashers.map { ($0.algorithm, $0.finalize()) })
                    image = (entry.size, digests, head == [0x1f, 0x8b])
                default:
                    continue
                }
            }
            guard let manifest else {
                throw StemcellSpecError(.missingManifest, "stemcell.MF not found in the tarball", file: path)
            }
            let isLight = image?.gzip != true
            var verified = false
            if !isLight, let image, let recorded = manifest.sha1 {
                let expected = try MultipleDigest(parsing: recorded)
                if let actual = try expected.mismatch(in: image.digests) {
                    throw StemcellSpecError(
                        .digestMismatch, "image: expected digest '\(recorded)' but the image's is '\(actual)'",
                        file: path, expectedDigest: recorded, actualDigest: actual)
                }
                verified = true
            }
            logger.info("read stemcell", metadata: ["name": "\(manifest.name)", "version": "\(manifest.version)"])
            return Stemcell(
                tarball: path, manifest: manifest, imageSize: image?.size, imageSHA1: image?.digests[.sha1],
                isLight: isLight, imageVerified: verified)
        } catch let error as StemcellSpecError {
            throw error
        } catch let error as ArchiveError {
            if case .io = error.code { throw StemcellSpecError(.io, error.description) }  // names the file already
            throw StemcellSpecError(.archive, error.description, file: path)
        } catch let error as DigestParseError {
            throw StemcellSpecError(.invalidField, "/sha1: \(error.message)", file: "\(path):stemcell.MF")
        } catch {
            throw StemcellSpecError(.io, "\(error)", file: path)
        }
    }

    /// What the image is hashed with: SHA-1 (reported) plus what `stemcell.MF` records, when it came first (as
    /// in every real stemcell); all algorithms otherwise, since the expected digest is not known yet.
    static func algorithms(for manifest: StemcellManifest?) -> [DigestAlgorithm] {
        guard let recorded = manifest?.sha1, let expected = try? MultipleDigest(parsing: recorded) else {
            return manifest == nil || manifest?.sha1 != nil ? DigestAlgorithm.allCases : [.sha1]
        }
        return [.sha1] + expected.algorithms.filter { $0 != .sha1 }
    }

    /// A logger that discards everything (the default).
    public static let quietLogger = Logger(label: "boshkit.stemcell", factory: { _ in SwiftLogNoOpLogHandler() })
}
