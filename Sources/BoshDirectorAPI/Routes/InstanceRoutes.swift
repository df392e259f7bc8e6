import BoshDirectorStore
import Foundation
import Hummingbird

/// One instance at a time: `bosh ignore`/`unignore`, the `--no-converge` actions, and `bosh update-resurrection`.
struct InstanceRoutes: Sendable {
    let store: DirectorStore

    struct IgnoreBody: Decodable {
        var ignore: Bool
    }

    struct ResurrectionBody: Decodable {
        var resurrection_paused: Bool?
    }

    func add(to router: Router<BasicRequestContext>) {
        router.put("/deployments/:name/instance_groups/:group/:id/ignore") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let group = context.parameters.get("group") ?? ""
            let id = context.parameters.get("id") ?? ""
            guard let body = try? JSONDecoder().decode(IgnoreBody.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 16)))
            else { return JSONResponse.error(.badRequest, code: 40000, "Request body must be {\"ignore\": true|false}") }
            guard let record = try await store.deployment(name) else {
                return JSONResponse.deploymentNotFound(name)
            }
            guard let instance = record.instances.first(where: { $0.group == group && ($0.id == id || "\($0.index)" == id) }) else {
                return JSONResponse.error(.notFound, code: 190001, "Instance '\(group)/\(id)' doesn't exist in deployment '\(name)'")
            }
            try await store.setIgnored(body.ignore, deployment: name, instance: instance.id)
            return Response(status: .ok)
        }
        router.post("/deployments/:name/instance_groups/:group/:id/actions/:action") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let action = context.parameters.get("action") ?? ""
            guard ["start", "stop", "restart", "recreate"].contains(action) else {
                return JSONResponse.error(.notFound, code: 100, "Unknown instance action '\(action)'")
            }
            guard try await store.deployment(name) != nil else {
                return JSONResponse.deploymentNotFound(name)
            }
            let query = request.uri.queryParameters
            let task = try await store.createTask(
                type: "update_instance", description: "\(action) instance", deployment: name,
                payload: TaskPayload(
                    deployment: name, group: context.parameters.get("group"), instance: context.parameters.get("id"),
                    skipDrain: query["skip_drain"] == "true", action: action, hard: query["hard"] == "true",
                    ignoreUnresponsiveAgent: query["ignore_unresponsive_agent"] == "true"
                ).json)
            return Redirect.task(task.id)
        }
        router.put("/resurrection") { request, _ -> Response in
            let body = try? JSONDecoder().decode(ResurrectionBody.self, from: Data(buffer: try await request.body.collect(upTo: 1 << 16)))
            // As the director: anything but an explicit false pauses.
            try await store.setResurrectionPaused(body?.resurrection_paused != false)
            return Response(status: .ok)
        }
    }
}
