// The Swift samples of Documentation/CPIProtocol.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import CPIProtocol
import Logging

/// Stands in for an infrastructure's API.
fileprivate struct CloudAPI: Sendable {
    func instanceExists(_ cid: String) async throws -> Bool { cid.hasPrefix("vm-") }
}
fileprivate let api = CloudAPI()

enum CPIProtocolGuide {
    static func callingACPI(uuid: String, image: String, disk: String) async throws {
        let cpi = CPIClient(
            configuration: .init(executablePath: "/path/to/bin/cpi", timeout: .seconds(300), directorUUID: uuid),
            logger: Logger(label: "director.cpi")                // optional: CPIClient.silentLogger by default
        )
        try await cpi.negotiateAPIVersion()                      // info first; min(info.api_version, 3), at least 2
        let stemcell = try await cpi.call(CreateStemcellArguments(imagePath: image, cloudProperties: [:]))
        let vm = try await cpi.call(CreateVMArguments(agentID: "agent-1", stemcellCID: stemcell), stemcellAPIVersion: 2)
        let hint = try await cpi.call(AttachDiskArguments(vmCID: vm.vmCID, diskCID: disk))
        _ = hint
    }

    static func writingACPI() async throws {
        struct MyCloud: CloudProvider {
            func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
                CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: ["my-cloud-light"])
            }

            func hasVM(_ arguments: HasVMArguments, context: CPICallContext) async throws -> Bool {
                context.logger.info("looking up \(arguments.cid)")   // ends up in the response's "log"
                return try await api.instanceExists(arguments.cid)
            }
        }

        struct Main { static func main() async { await CPIMain.run(MyCloud()) } }
    }
}
