// The Swift samples of Sources/CPIProtocol/CPIProtocol.docc/CallingACPI.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import CPIProtocol
import Logging

enum CallingACPICatalog {
    static func call(directorUUID: String, logger: Logger, image: String, manifest: [String: JSONValue], agentID: String, networks: [String: CPINetwork], env: [String: JSONValue]) async throws {
        let configuration = CPIClient.Configuration(
            executablePath: "/var/vcap/jobs/my_cpi/bin/cpi", timeout: .seconds(300), directorUUID: directorUUID
        )
        let cpi = CPIClient(configuration: configuration, logger: logger)
        let version = try await cpi.negotiateAPIVersion()       // min(info.api_version, 3); at least 2
        let stemcell = try await cpi.call(CreateStemcellArguments(imagePath: image, cloudProperties: manifest))
        let vm = try await cpi.call(
            CreateVMArguments(agentID: agentID, stemcellCID: stemcell, networks: networks, env: env),
            stemcellAPIVersion: 2
        )
        _ = (version, vm)
    }
}
