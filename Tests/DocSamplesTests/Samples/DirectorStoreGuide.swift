// The Swift samples of Documentation/DirectorStore.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshDirector            // re-exports BoshDirectorStore
import BoshDirectorPostgres

enum DirectorStoreGuide {
    static func openOnPostgres(location: DatabaseURL.PostgresLocation, stateDirectory: String, configuration: DirectorConfiguration) async throws {
        let engine = try await PostgresEngine.open(location)          // or SQLiteEngine.open(path:)
        let store = try await DirectorStore.open(engine: engine, importingFrom: stateDirectory)
        let director = try await LocalDirector.open(configuration, store: store)
        _ = director
    }
}
