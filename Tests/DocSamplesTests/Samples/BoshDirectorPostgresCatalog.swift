// The Swift samples of Sources/BoshDirectorPostgres/BoshDirectorPostgres.docc/BoshDirectorPostgres.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshDirectorPostgres
import BoshDirectorStore

enum BoshDirectorPostgresCatalog {
    static func open() async throws {
        guard case .postgres(let location) = try DatabaseURL(parsing: "postgres://bosh:secret@127.0.0.1:5432/bosh") else { return }
        let store = try await DirectorStore.open(engine: try await PostgresEngine.open(location))
        _ = store
    }
}
