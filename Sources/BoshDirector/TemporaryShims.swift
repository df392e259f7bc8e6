// TEMPORARY: stand-ins for the release branch's types, removed when it merges.
import Foundation

enum ReleaseSource {
    static func tarball(for path: String, director: LocalDirector) async throws -> String { path }
}
enum LocalStemcellSource {
    static func tarball(os: String, version: String, director: LocalDirector) throws -> String {
        throw DirectorError("no local stemcell yet")
    }
}
