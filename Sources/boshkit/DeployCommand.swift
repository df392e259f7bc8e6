import ArgumentParser
import BoshDirector
import Foundation
import ManifestModel

/// `boshkit deploy`: deploy a manifest on this machine with the local director, CPI, agents and NATS.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a manifest locally: upload, compile, create VMs (local CPI), apply and start through agents on NATS."
    )

    @Argument(help: "Path to the deployment manifest.")
    var manifest: String

    @Option(name: .customLong("cloud-config"), help: "Path to the cloud config.")
    var cloudConfig: String

    @Option(name: [.short, .customLong("ops-file")], help: "Apply an ops file to the manifest (repeatable, in order).")
    var opsFiles: [String] = []

    @OptionGroup var variables: VariableFlags

    @Option(name: .customLong("release"), help: "A release tarball or release directory to upload first (repeatable).")
    var releases: [String] = []

    @Option(name: .customLong("stemcell"), help: "A stemcell tarball to upload first (default: a local stemcell for the manifest's OS).")
    var stemcell: String?

    @OptionGroup var director: DirectorFlags

    @Flag(name: .customShort("n"), help: "Don't ask for confirmation.")
    var noConfirm = false

    @Flag(help: "Recreate every VM.")
    var recreate = false

    @Flag(name: .customLong("no-redact"), help: "Show secret values in the diff.")
    var noRedact = false

    @Flag(help: "Keep running the health monitor after the deploy (Ctrl-C stops it; the deployment keeps running).")
    var watch = false

    func run() async throws {
        let manifestInput = try ManifestInput.interpolated(manifest, opsFiles: opsFiles, variables: variables)
        let cloudInput = try ManifestInput.interpolated(cloudConfig, variables: variables)
        let checked = try Self.check(manifest: manifestInput, cloudConfig: cloudInput)
        let flags = self.director
        let director = try await flags.open()
        let name = checked.name
        let deployed = (try? await director.store.deployment(name))?.instances.count ?? 0
        let output = try await flags.taskOutput(
            director, type: "update_deployment", description: "create deployment", deployment: name)
        let confirm = noConfirm
        let request = DeployRequest(
            manifest: try CLIFailure.reporting { String(decoding: try manifestInput.tree.emitBytes(style: .boshInt), as: UTF8.self) },
            manifestFile: manifestInput.label,
            cloudConfig: try CLIFailure.reporting { String(decoding: try cloudInput.tree.emitBytes(style: .boshInt), as: UTF8.self) },
            cloudConfigFile: cloudInput.label, releases: releases, stemcell: stemcell, recreate: recreate, showSecrets: noRedact,
            confirm: { diff in
                FileHandle.standardOutput.write(Data(diff.utf8))
                if deployed > 0 && checked.instances == 0 {
                    FileHandle.standardOutput.write(Data(Self.deletesEverything(name, count: deployed).utf8))
                }
                return confirm || Confirmation.ask("Continue? [yN]: ")
            })
        // Answering no ends the task cancelled, as bosh's does.
        let report = try await flags.runTask(director, output, isCancelled: \.declined) {
            try await director.deploy(request, output: output)
        }
        if report.declined {
            await director.close()
            throw CLIFailure("Stopped")
        }
        FileHandle.standardOutput.write(Data((report.changed ? "\nSucceeded\n" : "\nNo changes to deployment '\(report.deployment)'\n").utf8))
        if watch {
            try await HealthMonitorCommand.monitor(director, flags: flags)
        }
        await director.close()
    }

    /// Checks the manifest and cloud config as the director will, before any task: errors fail with positions
    /// in the files the user wrote (or in the result of the ops files, named so), unknown keys are warned about.
    /// Returns the deployment's name and how many instances the manifest asks for.
    static func check(manifest: ManifestInput, cloudConfig: ManifestInput) throws -> (name: String, instances: Int) {
        let manifestTree = try manifest.located()
        let cloudTree = try cloudConfig.located()
        let (cloud, cloudErrors) = CloudConfig.decodeCollectingProblems(cloudTree)
        let validation = DeploymentManifest.validation(of: manifestTree, cloudConfig: cloudErrors.isEmpty ? cloud : nil)
        ManifestChecks.print(cloudConfig.locate(CloudConfig.unknownKeys(in: cloudTree)) + manifest.locate(validation.warnings))
        try ManifestChecks.fail(cloudConfig.locate(cloudErrors) + manifest.locate(validation.errors))
        let deployment = try CLIFailure.reporting { try DeploymentManifest(tree: manifestTree) }
        return (deployment.name, deployment.allInstanceGroups.reduce(0) { $0 + $1.instances })
    }

    /// The confirmation's warning when the manifest leaves a deployment without instances.
    static func deletesEverything(_ name: String, count: Int) -> String {
        "\nWarning: this deploy deletes every instance of deployment '\(name)' (\(count) now): "
            + "the manifest asks for none. Check the instance_groups key and the instances counts.\n\n"
    }
}

/// Asking the operator on the terminal.
enum Confirmation {
    /// Prints `prompt` and reads a line; only `y`/`yes` go on. No input (not a terminal) means no.
    static func ask(_ prompt: String) -> Bool {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        guard let line = readLine() else { return false }
        return ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
