import Foundation
import Logging

/// Installs compiled packages: `var/vcap/data/packages/<name>/<version>/` extracted from the blob (once per
/// version), linked from `var/vcap/packages/<name>`.
struct PackageInstaller: Sendable {
    let layout: AgentLayout
    let blobstore: LocalBlobstore
    let logger: Logger

    /// Installs the package unless that version is already there, and (when `link`) points its symlink at it.
    @discardableResult
    func install(
        name: String, version: String, digest: String?, blobstoreID: String?, link: Bool = true
    ) async throws -> URL {
        try Names.check(name, what: "package name")
        try Names.check(version, what: "version of package \(name)")
        let target = layout.packageData(name, version: version)
        if !FileManager.default.fileExists(atPath: target.path) {
            guard let blobstoreID, let digest else {
                throw AgentFailure("package \(name)/\(version) has no blobstore_id and sha1")
            }
            let staging = try layout.makeStagingDirectory("package-\(name)")
            defer { try? FileManager.default.removeItem(at: staging) }
            let archive = staging.appendingPathComponent("package.tgz")
            do {
                try blobstore.fetch(blobstoreID, digest: digest, to: archive)
            } catch {
                throw AgentFailure("package \(name)/\(version): \(error)")
            }
            let contents = staging.appendingPathComponent("contents")
            try FileManager.default.createDirectory(at: contents, withIntermediateDirectories: true)
            try await Tarball.extract(archive, into: contents, what: "package \(name)/\(version)")
            try Names.moveIntoPlace(contents, to: target)
            logger.info("installed package", metadata: ["package": "\(name)/\(version)"])
        }
        if link { try layout.replaceSymlink(layout.packages.appendingPathComponent(name), to: target) }
        return target
    }
}

/// Checks on names that become path components, and the rename that publishes a staged directory.
enum Names {
    static func check(_ name: String, what: String) throws {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw AgentFailure("invalid \(what) '\(name)'")
        }
    }

    /// Renames `staged` to `target` (creating its parent); when another installer won the race, keeps theirs.
    static func moveIntoPlace(_ staged: URL, to target: URL) throws {
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(staged.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if FileManager.default.fileExists(atPath: target.path) { return }
            throw AgentFailure("cannot move \(staged.path) to \(target.path): \(reason)")
        }
    }
}
