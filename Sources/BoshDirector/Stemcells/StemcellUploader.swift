import BoshArchive
import CPIProtocol
import Foundation
import Logging
import StemcellSpec

/// Uploads stemcells: verifies the tarball, keeps its image in the state directory and asks the CPI to
/// `create_stemcell` from it (`bosh upload-stemcell`). A stemcell already uploaded is reused.
struct StemcellUploader: Sendable {
    let store: DirectorStore
    let layout: DirectorLayout
    let cpi: CPIClient
    let logger: Logger

    /// Uploads the stemcell tarball at `path`, holding its lock (`lock:stemcells:NAME:VERSION`, waited for up to
    /// 15 minutes as the director's upload waits) from the check for an existing record to recording it.
    func upload(tarball path: String, task: Int) async throws -> (record: StemcellRecord, isNew: Bool) {
        let stemcell = try StemcellTarball.read(at: path, logger: logger)
        let manifest = stemcell.manifest
        return try await store.withDirectorLocks(
            [LockRecord.stemcell(manifest.name, version: manifest.version)], task: task,
            description: "upload stemcell: \(manifest.name)/\(manifest.version)", waiting: .seconds(900)
        ) { try await record(stemcell, from: path) }
    }

    /// Has the CPI create the stemcell read from `path` and records it, unless it is recorded already.
    private func record(_ stemcell: Stemcell, from path: String) async throws -> (record: StemcellRecord, isNew: Bool) {
        let manifest = stemcell.manifest
        let records = try await store.stemcells()
        if let existing = records.first(where: { $0.name == manifest.name && $0.version == manifest.version }) {
            return (existing, false)
        }
        let directory = layout.stemcellDirectory(name: manifest.name, version: manifest.version)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.extractImage(path, to: directory)
        let cloudProperties = try JSONConversion.object(manifest.cloudProperties)
        let cid = try await cpi.call(
            CreateStemcellArguments(imagePath: directory + "/image", cloudProperties: cloudProperties),
            stemcellAPIVersion: manifest.apiVersion)
        let record = StemcellRecord(
            name: manifest.name, version: manifest.version, os: manifest.operatingSystem, apiVersion: manifest.apiVersion,
            cid: cid)
        try await store.add(record)
        return (record, true)
    }

    /// Extracts the `image` member (as the director does), with the same checked extractor as releases.
    static func extractImage(_ tarball: String, to directory: String) throws {
        do {
            let reader = TarReader(try GzipReader(try FileByteSource(path: tarball)))
            let written = try TarExtractor.extract(reader, to: directory, include: { $0.path == "image" })
            guard written.contains("image") else { throw DirectorError("Stemcell '\(tarball)' has no image") }
        } catch let error as ArchiveError {
            throw DirectorError("Cannot extract the image of stemcell '\(tarball)': \(error.description)")
        }
    }
}
