import ArgumentParser
import BoshYAML
import Foundation
import ManifestModel
import Scheduler

/// `boshkit plan`: what a deploy would do (placement, IPs, links, compile order, update batches).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a deploy the way the director does: placement, IPs, changes and update batches."
    )

    @Argument(help: "Path to the deployment manifest.")
    var manifest: String

    @Option(name: .customLong("cloud-config"), help: "Path to the cloud config.")
    var cloudConfig: String

    @Option(name: .customLong("state"), help: "Path to the current state (JSON: instances, used_elsewhere, shared_links).")
    var state: String?

    @Flag(name: .customLong("json"), help: "Print the plan as JSON.")
    var json = false

    @OptionGroup var variables: VariableFlags

    func run() async throws {
        let plan: DeploymentPlan = try CLIFailure.reporting {
            let manifestInput = try ManifestInput.interpolated(manifest, variables: variables)
            let cloudInput = try ManifestInput.interpolated(cloudConfig, variables: variables)
            ManifestChecks.print(
                ManifestChecks.unknownKeys(cloudInput, tree: cloudInput.tree, kind: .cloudConfig)
                    + ManifestChecks.unknownKeys(manifestInput, tree: manifestInput.tree, kind: .deployment))
            let (deployment, manifestErrors) = DeploymentManifest.decodeCollectingProblems(manifestInput.tree)
            try ManifestChecks.fail(manifestInput.locate(manifestErrors))
            let (cloud, cloudErrors) = CloudConfig.decodeCollectingProblems(cloudInput.tree)
            try ManifestChecks.fail(cloudInput.locate(cloudErrors))
            guard let deployment, let cloud else { throw CLIFailure("\(manifest): nothing to plan") }
            var current = DeploymentState.empty
            if let state {
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                do { current = try decoder.decode(DeploymentState.self, from: Data(try CLIInput.read(state))) } catch let e as CLIFailure { throw e } catch {
                    throw CLIFailure("\(state): not a valid state file: \(error)")
                }
            }
            do {
                return try DeploymentPlanner(manifest: deployment, cloudConfig: cloud).plan(state: current)
            } catch let e as SchedulerError {
                let file = e.document == "cloud-config" ? cloudConfig : e.document == "state" ? (state ?? "state") : manifest
                throw CLIFailure("\(file): \(e.path): \(e.message)")
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(plan) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(PlanRenderer.text(plan).utf8))
        }
    }
}

