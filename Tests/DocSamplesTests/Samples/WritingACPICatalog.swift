// The Swift samples of Sources/CPIProtocol/CPIProtocol.docc/WritingACPI.md, verbatim, in functions that compile (never called unless a test says so).
// DocSampleCoverageTests fails when a ```swift block of the doc is missing here: change both together.

import CPIProtocol

fileprivate func boot(_ arguments: CreateVMArguments) async throws -> String { "vm-\(arguments.agentID)" }

enum WritingACPICatalog {
    static func provider() async throws {
        struct MyCloud: CloudProvider {
            var maximumAPIVersion: Int { 2 }

            func info(_ arguments: InfoArguments, context: CPICallContext) async throws -> CPIInfo {
                CPIInfo(apiVersion: maximumAPIVersion, stemcellFormats: ["my-cloud-light"])
            }

            func createVM(_ arguments: CreateVMArguments, context: CPICallContext) async throws -> CreateVMResult {
                context.logger.info("creating vm", metadata: ["agent_id": "\(arguments.agentID)"])
                guard context.stemcellAPIVersion >= 2 else {
                    throw CPIError.cloudError(message: "this CPI needs a registry-less stemcell")
                }
                let cid = try await boot(arguments)
                return CreateVMResult(vmCID: cid, networks: arguments.networks)
            }
        }

        struct Main {
            static func main() async { await CPIMain.run(MyCloud()) }
        }
    }
}
