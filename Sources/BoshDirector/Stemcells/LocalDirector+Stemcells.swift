import Foundation
import ManifestModel

extension LocalDirector {
    /// The stemcell of each manifest stemcell alias, uploading `tarball` first when given.
    func resolveStemcells(
        _ manifest: DeploymentManifest, tarball: String?, output: TaskOutput
    ) async throws -> [String: StemcellRecord] {
        let uploader = StemcellUploader(store: store, layout: layout, cpi: cpi, logger: logger)
        var fresh: StemcellRecord?
        if let tarball {
            fresh = try await output.track("Uploading stemcell", task: URL(fileURLWithPath: tarball).lastPathComponent) {
                try await uploader.upload(tarball: tarball, task: output.taskID).record
            }
        }
        let all = try await store.stemcells()
        var resolved: [String: StemcellRecord] = [:]
        for (position, reference) in (manifest.stemcells ?? []).enumerated() {
            let alias = reference.alias
            let matches = all.filter { record in
                (reference.os.map { $0 == record.os } ?? true) && (reference.name.map { $0 == record.name } ?? true)
            }
            let wanted = "\(reference.version)"
            var match = wanted == "latest" ? (fresh.flatMap { f in matches.contains(f) ? f : nil } ?? matches.last)
                : matches.first { $0.version == wanted }
            if match == nil, tarball == nil, let os = reference.os {
                let local = try LocalStemcellSource.tarball(os: os, version: wanted, director: self)
                match = try await output.track("Uploading stemcell", task: "local \(os)") {
                    try await uploader.upload(tarball: local, task: output.taskID).record
                }
            }
            guard let record = match else {
                throw DirectorError(
                    "/stemcells/\(position): Stemcell '\(reference.os ?? reference.name ?? "?")/\(wanted)' is not uploaded; pass it with --stemcell")
            }
            resolved[alias] = record
        }
        return resolved
    }
}
