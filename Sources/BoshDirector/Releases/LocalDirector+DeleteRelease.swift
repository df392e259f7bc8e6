import BoshDirectorStore
import Foundation

extension LocalDirector {
    /// Deletes release `name`, or only its version `version` (`bosh delete-release NAME[/VERSION]`), as the
    /// director's delete release job does: refused while a deployment uses it; the job and package blobs no
    /// other release shares leave the blobstore, with the packages' compiled blobs.
    /// - Parameter force: go on when a blob cannot be deleted.
    /// - Returns: the task result, `/release/NAME`.
    /// - Throws: ``DirectorError`` with the director's words: `Release 'NAME' doesn't exist`, `Release version
    ///   'NAME/V' doesn't exist`, `Release 'NAME' is still in use by: D`, `ReleaseVersion 'NAME/V' is still in use by: D`.
    @discardableResult
    public func deleteRelease(_ name: String, version: String? = nil, force: Bool = false, output: TaskOutput) async throws -> String {
        try await withLock(
            LockRecord.release(name), task: output.taskID, description: "delete release: \(name)", waiting: .seconds(10)
        ) {
            let all = try await store.releases()
            let versions = all.filter { $0.name == name }
            guard !versions.isEmpty else { throw DirectorError("Release '\(name)' doesn't exist") }
            let doomed = try version.map { wanted in
                guard let match = versions.first(where: { $0.version == wanted }) else {
                    throw DirectorError("Release version '\(name)/\(wanted)' doesn't exist")
                }
                return [match]
            } ?? versions
            let deployments = try await store.deployments()
            let users = deployments.filter { record in doomed.contains { record.releases.contains($0.slug) } }.map(\.name).sorted()
            if !users.isEmpty {
                let subject = version.map { "ReleaseVersion '\(name)/\($0)'" } ?? "Release '\(name)'"
                throw DirectorError("\(subject) is still in use by: \(users.joined(separator: ", "))")
            }
            let slugs = Set(doomed.map(\.slug))
            let kept = all.filter { !slugs.contains($0.slug) }
            let keptBlobs = Set(kept.flatMap { $0.jobs + $0.packages }.map(\.blobstoreID))
            let keptFingerprints = Set(kept.flatMap(\.packages).map(\.version))
            // The records go first (each version in one transaction), so a failure below leaves at most a stray
            // blob, never a record pointing at a missing one.
            let packages = doomed.flatMap(\.packages)
            let goneFingerprints = Set(packages.map(\.version)).subtracting(keptFingerprints)
            let compiled = try await store.compiledPackages().filter { goneFingerprints.contains($0.version) }
            for release in doomed { try await store.removeRelease(name, version: release.version) }
            for package in compiled { try await store.removeCompiledPackage(key: package.key) }
            func deleteBlob(_ id: String) throws {
                guard !keptBlobs.contains(id) else { return }
                do { try blobstore.delete(id) } catch where force {
                    logger.warning("deleting a blob failed", metadata: ["blobstore_id": "\(id)", "error": "\(error)"])
                }
            }
            for package in packages {
                try await output.track("Deleting packages", task: "\(package.name)/\(package.version)") {
                    try deleteBlob(package.blobstoreID)
                }
            }
            for package in compiled { try deleteBlob(package.blobstoreID) }
            for job in doomed.flatMap(\.jobs) {
                try await output.track("Deleting jobs", task: "\(job.name)/\(job.version)") { try deleteBlob(job.blobstoreID) }
            }
            for release in doomed {
                if !kept.contains(where: { $0.tarball == release.tarball }) {
                    try? FileManager.default.removeItem(atPath: release.tarball)
                    _ = rmdir(URL(fileURLWithPath: release.tarball).deletingLastPathComponent().path)  // releases/NAME, once empty
                }
                if doomed.count == versions.count {
                    output.started("Deleting release versions", task: release.slug)
                    output.finished("Deleting release versions", task: release.slug)
                }
            }
            for release in doomed {
                try await store.record(
                    EventRecord(action: "delete", objectType: "release", objectName: release.slug, task: "\(output.taskID)"))
            }
            return "/release/\(name)"
        }
    }
}
