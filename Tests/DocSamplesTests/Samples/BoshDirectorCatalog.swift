// The Swift samples of Sources/BoshDirector/BoshDirector.docc/BoshDirector.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshDirector
import Logging
import NatsClient

enum BoshDirectorCatalog {
    static func localNats(state: String, logger: Logger) async throws {
        let nats = try await LocalNatsServer.ensureRunning(stateDirectory: state, logger: logger)
        let bus = try await NatsClient.connect(nats.directorClientOptions(), logger: logger)
        // Agent settings: "mbus": nats.url, "env": {"bosh": {"mbus": {"cert": nats.agentMbusCertificate}}}
        _ = bus
    }
}
