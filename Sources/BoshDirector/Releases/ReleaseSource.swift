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
        // Build once as the next dev version; when nothing changed, keep the uploaded one instead.
        let name = try ReleaseBuilder.releaseName(of: path)
        let uploaded = try await director.store.releases().filter { $0.name == name }
        let devNumbers = uploaded.compactMap { record -> Int? in
            guard let range = record.version.range(of: "+dev.") else { return nil }
            return Int(record.version[range.upperBound...])
        }
        let version = "0+dev.\((devNumbers.max() ?? 0) + 1)"
        let output = director.layout.temporaryDirectory + "/\(name)-\(version)-\(UUID().uuidString.lowercased()).tgz"
        let built = try ReleaseBuilder.build(directory: path, version: version, to: output, logger: director.logger)
        if let latest = uploaded.last, sameContent(latest, built) {
            try? FileManager.default.removeItem(atPath: output)
            return latest.tarball
        }
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
