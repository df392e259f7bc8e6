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
    func upload(tarball path: String) async throws -> (record: ReleaseRecord, release: Release, isNew: Bool) {
        let release = try ReleaseTarball.read(at: path, logger: logger)
        let records = try await store.releases()
        if let existing = records.first(where: { $0.name == release.manifest.name && $0.version == release.manifest.version }) {
            // The kept tarball is the one whose blobs were stored; read it unless that is what was just read.
            let kept = existing.tarball == path ? release : try ReleaseTarball.read(at: existing.tarball, logger: logger)
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
            jobs.append(.init(name: job.name, version: job.version, blobstoreID: id, sha1: sha1, dependencies: job.packages))
        }
        var packages: [ReleaseRecord.Blob] = []
        for package in release.manifest.packages {
            let (id, sha1) = try await put("packages/\(package.name).tgz")
            packages.append(
                .init(name: package.name, version: package.version, blobstoreID: id, sha1: sha1, dependencies: package.dependencies))
        }
        let kept = layout.path("releases/\(release.manifest.name)-\(release.manifest.version).tgz")
        try FileManager.default.createDirectory(atPath: layout.path("releases"), withIntermediateDirectories: true)
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
