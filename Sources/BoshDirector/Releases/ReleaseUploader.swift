import Foundation
import Logging
import ReleaseSpec

/// Uploads release tarballs into the director: verifies them, puts every job and package archive into the
/// blobstore and records the release (`bosh upload-release`). Uploading a release that exists is a no-op.
struct ReleaseUploader: Sendable {
    let store: DirectorStore
    let layout: DirectorLayout
    let blobstore: LocalBlobstore
    let logger: Logger

    /// Uploads the tarball at `path` and returns its record with the parsed release.
    /// A package missing from the tarball is taken from an uploaded release that has a package with the same
    /// fingerprint (the `bosh` CLI leaves out what `POST /packages/matches` answered).
    ///
    /// The release's lock (`lock:release:NAME`) is held from reading the director's records to recording the
    /// release, waiting up to 5 minutes for a deploy or deletion of the same release, as the director's upload does.
    func upload(tarball path: String, task: Int) async throws -> (record: ReleaseRecord, release: Release, isNew: Bool) {
        let fingerprints = Set(try await store.releases().flatMap(\.packages).filter { !$0.blobstoreID.isEmpty }.map(\.version))
        let release = try ReleaseTarball.read(at: path, logger: logger, heldPackages: fingerprints)
        return try await store.withDirectorLocks(
            [LockRecord.release(release.manifest.name)], task: task, description: "upload release: \(release.manifest.name)",
            waiting: .seconds(300)
        ) { try await record(release, from: path) }
    }

    /// Stores the blobs of `release` (read from `path`) and records it, unless it is recorded already.
    private func record(_ release: Release, from path: String) async throws -> (record: ReleaseRecord, release: Release, isNew: Bool) {
        let records = try await store.releases()
        var held: [String: ReleaseRecord.Blob] = [:]
        for record in records { for package in record.packages where !package.blobstoreID.isEmpty { held[package.version] = package } }
        if let existing = records.first(where: { $0.name == release.manifest.name && $0.version == release.manifest.version }) {
            // The kept tarball is the one whose blobs were stored; read it unless that is what was just read.
            let kept = existing.tarball == path ? release : try existing.readTarball(logger: logger)
            return (existing, kept, false)
        }
        let scratch = layout.temporaryDirectory + "/release-" + UUID().uuidString.lowercased()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try ReleaseTarball.extract(path, to: scratch)
        func put(_ relative: String) async throws -> (String, String) {
            let stored = try await blobstore.put(file: scratch + "/" + relative)
            return (stored.blobstoreID, stored.sha1)
        }
        var jobs: [ReleaseRecord.Blob] = []
        for job in release.manifest.jobs {
            let (id, sha1) = try await put("jobs/\(job.name).tgz")
            let spec = release.jobs.first { $0.record.name == job.name }?.spec
            jobs.append(
                .init(
                    name: job.name, version: job.version, blobstoreID: id, sha1: sha1, dependencies: job.packages,
                    consumes: spec?.consumes.map { .init(name: $0.name, type: $0.type, optional: $0.optional ? true : nil) } ?? [],
                    provides: spec?.provides.map {
                        .init(name: $0.name, type: $0.type, properties: $0.properties.isEmpty ? nil : $0.properties)
                    } ?? []))
        }
        var packages: [ReleaseRecord.Blob] = []
        let absent = Set(release.packages.filter { !$0.isInTarball }.map(\.record.name))
        for package in release.manifest.packages {
            if absent.contains(package.name) {
                // Left out of the tarball: the director's package with that fingerprint (as the director copies
                // the first match). Old releases' short versions are not fingerprints: there the name must match too.
                guard let blob = held[package.version], package.version.count >= 40 || blob.name == package.name else {
                    throw DirectorError(
                        "Package '\(package.name)/\(package.version)' is not in the tarball and the director holds no package with its fingerprint")
                }
                logger.debug("package held already", metadata: ["package": "\(package.name)", "fingerprint": "\(package.version)"])
                packages.append(
                    .init(
                        name: package.name, version: package.version, blobstoreID: blob.blobstoreID, sha1: blob.sha1,
                        dependencies: package.dependencies))
                continue
            }
            let (id, sha1) = try await put("packages/\(package.name).tgz")
            packages.append(
                .init(name: package.name, version: package.version, blobstoreID: id, sha1: sha1, dependencies: package.dependencies))
        }
        let kept = layout.releaseTarball(name: release.manifest.name, version: release.manifest.version)
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: kept).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: kept)
        try FileManager.default.copyItem(atPath: path, toPath: kept)
        let record = ReleaseRecord(
            name: release.manifest.name, version: release.manifest.version, tarball: kept, jobs: jobs, packages: packages)
        try await store.add(record)
        var keptRelease = release
        keptRelease.tarball = kept
        return (record, keptRelease, true)
    }
}
