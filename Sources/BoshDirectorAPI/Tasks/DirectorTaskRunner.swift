import BoshDirector
import BoshDirectorStore
import AgentProtocol
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
            let result = try await director.withTaskLog(output) {
                director.logger.info("Starting task \(task.id): \(task.description)", metadata: ["type": "\(task.type)"])
                return try await perform(task, payload, output)
            }
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
            let uploaded = try await director.uploadStemcell(tarball: try require(payload.path ?? payload.location, "tarball"), output: output)
            return "/stemcells/\(uploaded.record.name)/\(uploaded.record.version)"
        case "update_release":
            let uploaded = try await director.uploadRelease(tarball: try require(payload.path ?? payload.location, "tarball"), output: output)
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
        case "update_instance":
            guard let action = payload.action.flatMap(InstanceAction.init(rawValue:)) else {
                throw DirectorError("Unknown instance action '\(payload.action ?? "")'")
            }
            return try await director.perform(
                action, deployment: try require(payload.deployment, "deployment"), group: try require(payload.group, "group"),
                instance: try require(payload.instance, "instance"),
                options: InstanceActionOptions(
                    skipDrain: payload.skipDrain ?? false, hard: payload.hard ?? false,
                    ignoreUnresponsiveAgent: payload.ignoreUnresponsiveAgent ?? false),
                output: output)
        case "cck_scan":
            return try await director.scan(deployment: try require(payload.deployment, "deployment"), output: output)
        case "cck_apply":
            var resolutions: [Int: String?] = [:]
            for (id, choice) in payload.resolutions ?? [:] { if let id = Int(id) { resolutions[id] = choice.isEmpty ? nil : choice } }
            return try await director.resolve(
                deployment: try require(payload.deployment, "deployment"), resolutions: resolutions, output: output)
        case "fetch_logs":
            return try await director.fetchLogs(
                deployment: try require(payload.deployment, "deployment"), group: payload.group ?? "*",
                instance: payload.instance ?? "*", type: LogType(rawValue: payload.logType ?? ""), filters: payload.filters,
                output: output)
        case "delete_release":
            return try await director.deleteRelease(
                try require(payload.release, "release"), version: payload.version, force: payload.force ?? false, output: output)
        case "delete_stemcell":
            return try await director.deleteStemcell(
                try require(payload.stemcell, "stemcell"), version: try require(payload.version, "version"),
                force: payload.force ?? false, output: output)
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
