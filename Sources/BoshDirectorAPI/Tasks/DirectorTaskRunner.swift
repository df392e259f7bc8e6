import BoshDirector
import BoshDirectorStore
import Foundation
import Logging

/// Runs the tasks the API queues, on the director engine: uploads, deploys, deletes and instance listings.
/// Given to ``TaskWorkers`` as their handler; what it returns is the task's result text.
public struct DirectorTaskRunner: Sendable {
    /// The engine.
    public let director: LocalDirector

    /// Creates a runner.
    public init(director: LocalDirector) { self.director = director }

    /// Runs `task`; its events go to the task's event output, instance rows to its result output.
    public func run(_ task: TaskRecord) async throws -> String? {
        let payload = TaskPayload.decode(task.payload)
        let output = director.output(of: task, style: .plain, sink: TaskOutputSink(write: { _ in }))
        defer { if let path = payload.path { try? FileManager.default.removeItem(atPath: path) } }
        do {
            let result = try await perform(task, payload, output)
            await director.flushOutput(of: task.id)
            return result
        } catch {
            output.error("\(error)")
            await director.flushOutput(of: task.id)
            throw error
        }
    }

    private func perform(_ task: TaskRecord, _ payload: TaskPayload, _ output: TaskOutput) async throws -> String? {
        switch task.type {
        case "update_stemcell":
            let uploaded = try await director.uploadStemcell(tarball: try require(payload.path, "path"), output: output)
            return "/stemcells/\(uploaded.record.name)/\(uploaded.record.version)"
        case "update_release":
            let uploaded = try await director.uploadRelease(tarball: try require(payload.path, "path"), output: output)
            return "Created release '\(uploaded.record.slug)'"
        case "update_deployment" where payload.state != nil:
            guard let change = payload.state.flatMap(InstanceStateChange.init(rawValue:)) else {
                throw DirectorError("Unknown instance state '\(payload.state ?? "")'")
            }
            let name = try require(payload.deployment, "deployment")
            try await director.changeState(
                deployment: name, group: payload.group, instance: payload.instance, to: change,
                skipDrain: payload.skipDrain ?? false, output: output)
            return "/deployments/\(name)"
        case "update_deployment":
            let manifest = try require(payload.manifest, "manifest")
            guard let cloud = try await director.store.latestConfig(type: "cloud") else {
                throw DirectorError("No cloud config uploaded: `bosh update-cloud-config` first")
            }
            let report = try await director.deploy(
                DeployRequest(
                    manifest: manifest, manifestFile: "deployment manifest", cloudConfig: cloud.content,
                    cloudConfigFile: "cloud config \(cloud.id)", recreate: payload.recreate ?? false),
                output: output)
            return "/deployments/\(report.deployment)"
        case "delete_deployment":
            let name = try require(payload.deployment, "deployment")
            try await director.deleteDeployment(name, force: payload.force ?? false, output: output)
            return "/deployments/\(name)"
        case "vms":
            let name = try require(payload.deployment, "deployment")
            let lines = try await InstanceListing(director: director).lines(of: name, vms: payload.listing == "vms")
            try await director.store.appendOutput(Array(lines.utf8), to: task.id, kind: .result)
            return nil
        default:
            throw DirectorError("Task type '\(task.type)' is not supported by this director")
        }
    }

    private func require(_ value: String?, _ what: String) throws -> String {
        guard let value else { throw DirectorError("The task has no \(what)") }
        return value
    }
}
