import BoshArchive
import BoshYAML
import Foundation
import Logging

/// Writes stemcell tarballs for the local CPI, whose VMs are directories on this machine: the tarball has
/// the shape of a full stemcell (`stemcell.MF` plus an `image`) so it uploads and matches like a real one,
/// but the image is a tiny gzip'd tar holding only a README.
public enum StemcellBuilder {
    /// The name of the local stemcell for an operating system: `bosh-local-<os>-go_agent`.
    public static func localName(os: String) -> String { "bosh-local-\(os)-go_agent" }

    /// Writes a local stemcell tarball to `path` (atomically: a temporary file in the same directory, then a
    /// rename) and reads it back.
    ///
    /// `stemcell.MF` holds `name` (``localName(os:)``), `version`, `operating_system`, `api_version: 3`,
    /// `bosh_protocol: 1`, `sha1` (the image's SHA-1), `cloud_properties` (`infrastructure: local`) and
    /// `stemcell_formats: [local]`.
    /// - Parameters:
    ///   - os: the operating system a deployment's `stemcells:` entry names (`ubuntu-jammy`).
    ///   - version: the stemcell version.
    ///   - path: the `.tgz` to write (parent directories are created).
    ///   - logger: where progress is logged.
    /// - Returns: the stemcell read back with ``StemcellTarball/read(at:logger:)`` (its image verified).
    /// - Throws: ``StemcellSpecError`` when `os` or `version` is empty or has characters BOSH does not allow in
    ///   names, or the file cannot be written.
    @discardableResult
    public static func writeLocal(
        os: String, version: String = "1", to path: String, logger: Logger = StemcellTarball.quietLogger
    ) throws(StemcellSpecError) -> Stemcell {
        for (value, what) in [(os, "operating system"), (version, "version")] where !BoshIdentifier.isValid(value) {
            throw StemcellSpecError(
                .invalidField, "invalid stemcell \(what) \"\(value)\" (allowed: letters, digits, - _ + .)")
        }
        let name = localName(os: os)
        let directory = ((path as NSString).standardizingPath as NSString).deletingLastPathComponent
        let temporary = directory + "/.boshkit-stemcell-\(UUID().uuidString).tgz"
        do {
            let image = try imageBytes(os: os, version: version)
            let manifest = try manifestText(
                name: name, version: version, os: os, imageSHA1: DigestHasher.hex(.sha1, of: image))
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let tar = TarWriter(try GzipWriter(try FileByteSink(path: temporary)))
            try tar.addFile("stemcell.MF", bytes: manifest)
            try tar.addFile("image", bytes: image)
            try tar.finish()
        } catch {
            unlink(temporary)
            throw StemcellSpecError(.io, "cannot write the stemcell: \(error)", file: path)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw StemcellSpecError(.io, "cannot write the stemcell: \(reason)", file: path)
        }
        logger.info("wrote local stemcell", metadata: ["name": "\(name)", "version": "\(version)", "path": "\(path)"])
        return try StemcellTarball.read(at: path, logger: logger)
    }

    private static func manifestText(name: String, version: String, os: String, imageSHA1: String) throws -> [UInt8] {
        var tree = YAMLTree(file: "stemcell.MF")
        func string(_ value: String) -> YAMLTree.NodeID { tree.addString(value) }
        let cloudProperties = tree.addMapping([
            (string("infrastructure"), string("local")), (string("name"), string(name)),
            (string("version"), string(version)),
        ])
        let formats = tree.addSequence([string("local")], style: .flow)
        tree.setRoot(
            tree.addMapping([
                (string("name"), string(name)), (string("version"), string(version)),
                (string("operating_system"), string(os)), (string("api_version"), tree.addInt(3)),
                (string("bosh_protocol"), tree.addInt(1)), (string("sha1"), string(imageSHA1)),
                (string("cloud_properties"), cloudProperties), (string("stemcell_formats"), formats),
            ]))
        return try tree.emitBytes()
    }

    /// The image: a gzip'd tar with one README, deterministic for an OS and version.
    private static func imageBytes(os: String, version: String) throws -> [UInt8] {
        let readme = """
            BoshKit local stemcell \(localName(os: os))/\(version).
            The local CPI runs each VM as a directory on this machine with a BoshKit agent; this image is not booted.

            """
        let sink = MemoryByteSink()
        let tar = TarWriter(try GzipWriter(sink))
        try tar.addFile("README", bytes: Array(readme.utf8))
        try tar.finish()
        return sink.bytes
    }

}
