import BoshDirector
import BoshDirectorStore
import Foundation
import Hummingbird

/// `bosh cloud-check`: a scan (a task), the problems it found, and the chosen resolutions (a task).
struct CloudCheckRoutes: Sendable {
    let store: DirectorStore

    struct ProblemJSON: Encodable {
        struct Resolution: Encodable {
            var name: String?
            var plan: String
        }
        var id: Int
        var type: String
        var description: String
        var instance_group: String
        var data: [String: String] = [:]
        var resolutions: [Resolution]
    }

    struct ResolutionsBody: Decodable {
        var resolutions: [String: String?]
    }

    func add(to router: Router<BasicRequestContext>) {
        router.post("/deployments/:name/scans") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard try await store.deployment(name) != nil else {
                return JSONResponse.deploymentNotFound(name)
            }
            let task = try await store.createTask(
                type: "cck_scan", description: "scan cloud", deployment: name, payload: TaskPayload(deployment: name).json)
            return Redirect.task(task.id)
        }
        router.get("/deployments/:name/problems") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard let record = try await store.deployment(name) else {
                return JSONResponse.deploymentNotFound(name)
            }
            return JSONResponse.make(
                CloudCheckProblem.describe(try await store.problems(of: name), in: record).map { problem in
                    ProblemJSON(
                        id: problem.record.id, type: problem.record.type, description: problem.description,
                        instance_group: problem.group,
                        resolutions: problem.resolutions.map { .init(name: $0.name, plan: $0.plan) })
                })
        }
        router.put("/deployments/:name/problems") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard try await store.deployment(name) != nil else {
                return JSONResponse.deploymentNotFound(name)
            }
            let data = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            guard let body = try? JSONDecoder().decode(ResolutionsBody.self, from: data) else {
                return JSONResponse.error(
                    .badRequest, code: 410003, "Invalid format for resolutions, Hash expected")
            }
            var resolutions: [String: String] = [:]
            for (id, choice) in body.resolutions {
                guard Int(id) != nil else {
                    return JSONResponse.error(.badRequest, code: 410003, "Invalid problem id '\(id)'")
                }
                resolutions[id] = choice ?? ""
            }
            let task = try await store.createTask(
                type: "cck_apply", description: "apply resolutions", deployment: name,
                payload: TaskPayload(deployment: name, resolutions: resolutions).json)
            return Redirect.task(task.id)
        }
    }
}
