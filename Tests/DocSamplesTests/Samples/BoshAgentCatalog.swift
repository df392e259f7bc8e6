// The Swift samples of Sources/BoshAgent/BoshAgent.docc/BoshAgent.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import BoshAgent
import Logging

enum BoshAgentCatalog {
    static func run(path: String, logger: Logger) async throws {
        let signals = AgentRuntime.signalStream()          // catch SIGTERM before anything starts
        let runtime = try await AgentRuntime.start(.init(settingsPath: path, heartbeatInterval: .seconds(2)), logger: logger)
        for await _ in signals { break }
        await runtime.stop()                               // job processes first, then the server and NATS
    }
}
