// The Swift samples of Sources/BoshDirectorAPI/BoshDirectorAPI.docc/BoshDirectorAPI.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshDirector
import BoshDirectorAPI
import BoshDirectorStore

enum BoshDirectorAPICatalog {
    static func serve(state: String, director: LocalDirector) async throws {
        let credentials = try DirectorCredentials.loadOrGenerate(stateDirectory: state, listen: "127.0.0.1")
        let api = DirectorAPI(
            store: director.store, credentials: credentials, scratchDirectory: state + "/tmp",
            blobstoreDirectory: director.layout.blobstoreDirectory)  // log bundles at /resources/ID
        let workers = TaskWorkers(store: director.store) { try await DirectorTaskRunner(director: director).run($0) }
        async let _ = workers.run()
        try await api.application(host: "127.0.0.1", port: 25555).runService()
    }
}
