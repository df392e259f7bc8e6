import BoshDirectorStore
import BoshYAML
import Foundation
import Hummingbird
import ManifestModel

/// Deploys through the API: the diff against the stored manifest, the deploy and delete tasks, and the
/// instance and VM listings.
struct DeploymentRoutes: Sendable {
    let store: DirectorStore
    static let maximumManifest = 64 << 20

    struct DiffJSON: Encodable {
        var context: [String: [Int]]
        var diff: [[String?]]
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/deployments/:name/diff") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let text = String(buffer: try await request.body.collect(upTo: Self.maximumManifest))
            let old = try await store.deployment(name)?.manifest ?? ""
            let redact = request.uri.queryParameters["redact"].map { $0 != "false" } ?? true
            let cloud = try await store.latestConfig(type: "cloud").map { [$0.id] } ?? []
            let runtime = try await store.configs(type: "runtime").map(\.id)
            do {
                let diff = try ManifestDiff(old: old, oldFile: "deployed", new: text, newFile: "manifest", redact: redact)
                return JSONResponse.make(
                    DiffJSON(
                        context: ["cloud_config_ids": cloud, "runtime_config_ids": runtime],
                        diff: diff.lines.map { [$0.description, $0.state == .unchanged ? nil : $0.state.rawValue] }))
            } catch {
                return JSONResponse.error(.badRequest, code: 440001, "Manifest is not valid YAML: \(error)")
            }
        }
        router.post("/deployments") { request, _ -> Response in
            let text = String(buffer: try await request.body.collect(upTo: Self.maximumManifest))
            let name: String
            do {
                let manifest = try DeploymentManifest(tree: try YAMLParser.parse(text, file: "deployment manifest"))
                name = manifest.name
            } catch {
                return JSONResponse.error(.badRequest, code: 440001, "Manifest is not a deployment manifest: \(error)")
            }
            let query = request.uri.queryParameters
            let recreate = query["recreate"] == "true" || query["recreate_vms_created_before"] != nil
            let exists = try await store.deployment(name)?.manifest != nil
            let task = try await store.createTask(
                type: "update_deployment", description: exists ? "update deployment" : "create deployment", deployment: name,
                payload: TaskPayload(manifest: text, recreate: recreate).json)
            return Redirect.task(task.id)
        }
        router.delete("/deployments/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard try await store.deployment(name) != nil else {
                return JSONResponse.deploymentNotFound(name)
            }
            let task = try await store.createTask(
                type: "delete_deployment", description: "delete deployment \(name)", deployment: name,
                payload: TaskPayload(deployment: name, force: request.uri.queryParameters["force"] == "true").json)
            return Redirect.task(task.id)
        }
        // bosh start|stop|restart|recreate: `/jobs/<group|*>[/<id|index>]?state=…`, an empty body.
        for path in ["/deployments/:name/jobs/:group", "/deployments/:name/jobs/:group/:instance"] {
            router.put(RouterPath(path)) { request, context -> Response in
                let name = context.parameters.get("name") ?? ""
                let state = request.uri.queryParameters["state"].map(String.init) ?? ""
                guard ["started", "stopped", "detached", "restart", "recreate"].contains(state) else {
                    return JSONResponse.error(.badRequest, code: 440001, "Unknown instance state '\(state)'")
                }
                guard try await store.deployment(name) != nil else {
                    return JSONResponse.deploymentNotFound(name)
                }
                let group = context.parameters.get("group")
                let instance = context.parameters.get("instance")
                let target = (group ?? "*") + (instance.map { "/\($0)" } ?? "")
                let verb = ["started": "start", "stopped": "stop", "detached": "stop --hard"][state] ?? state
                let task = try await store.createTask(
                    type: "update_deployment", description: "\(verb) \(target)", deployment: name,
                    payload: TaskPayload(
                        deployment: name, state: state, group: group, instance: instance,
                        skipDrain: request.uri.queryParameters["skip_drain"] == "true"
                    ).json)
                return Redirect.task(task.id)
            }
        }
        for listing in ["instances", "vms"] {
            router.get(RouterPath("/deployments/:name/\(listing)")) { request, context -> Response in
                let name = context.parameters.get("name") ?? ""
                guard let record = try await store.deployment(name) else {
                    return JSONResponse.deploymentNotFound(name)
                }
                guard request.uri.queryParameters["format"] == "full" else {
                    // The plain lists some commands use.
                    struct Plain: Encodable {
                        var agent_id: String?
                        var cid: String?
                        var job: String
                        var index: Int
                        var id: String
                        var az: String?
                        var ips: [String]
                        var expects_vm: Bool
                    }
                    return JSONResponse.make(
                        record.instances.filter { listing == "instances" || $0.vmCID != nil }.map { instance in
                            Plain(
                                agent_id: instance.agentID, cid: instance.vmCID, job: instance.group, index: instance.index,
                                id: instance.id, az: instance.az,
                                ips: instance.addresses.keys.sorted().compactMap { instance.addresses[$0] }, expects_vm: true)
                        })
                }
                let task = try await store.createTask(
                    type: "vms", description: "retrieve vm-stats", deployment: name,
                    payload: TaskPayload(deployment: name, listing: listing).json)
                return Redirect.task(task.id)
            }
        }
    }
}
