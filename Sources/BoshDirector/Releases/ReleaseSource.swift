import Foundation
import ReleaseSpec

/// Turns a `--release` argument into a tarball: a tarball is used as it is; a release directory is built as a
/// dev release (`bosh create-release`), reusing the last uploaded dev version when nothing changed and taking
/// the next `0+dev.N` when something did.
enum ReleaseSource {
    static func tarball(for path: String, director: LocalDirector) async throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DirectorError("Release '\(path)' does not exist")
        }
        guard isDirectory.boolValue else { return path }
        let scratch = director.layout.temporaryDirectory + "/dev-release-" + UUID().uuidString.lowercased() + ".tgz"
        let draft = try ReleaseBuilder.build(directory: path, to: scratch, logger: director.logger)
        let name = draft.manifest.name
        let uploaded = try director.store.releases().filter { $0.name == name }
        if let latest = uploaded.last, sameContent(latest, draft) {
            try? FileManager.default.removeItem(atPath: scratch)
            return latest.tarball
        }
        let devNumbers = uploaded.compactMap { record -> Int? in
            guard let range = record.version.range(of: "+dev.") else { return nil }
            return Int(record.version[range.upperBound...])
        }
        let version = "0+dev.\((devNumbers.max() ?? 0) + 1)"
        let output = director.layout.temporaryDirectory + "/\(name)-\(version).tgz"
        try ReleaseBuilder.build(directory: path, version: version, to: output, logger: director.logger)
        try? FileManager.default.removeItem(atPath: scratch)
        return output
    }

    /// Whether an uploaded release has the same jobs and packages (by fingerprint) as a freshly built one.
    private static func sameContent(_ record: ReleaseRecord, _ release: Release) -> Bool {
        let jobs = Set(record.jobs.map { "\($0.name)/\($0.version)" })
        let packages = Set(record.packages.map { "\($0.name)/\($0.version)" })
        return jobs == Set(release.manifest.jobs.map { "\($0.name)/\($0.version)" })
            && packages == Set(release.manifest.packages.map { "\($0.name)/\($0.version)" })
    }
}
