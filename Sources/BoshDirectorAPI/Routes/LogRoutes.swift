import BoshDirector
import BoshDirectorStore
import Foundation
import Hummingbird

/// `bosh logs`: the fetch (a task whose result is the bundle's blobstore id) and the bundle itself,
/// `GET /resources/ID`.
struct LogRoutes: Sendable {
    let store: DirectorStore
    /// The director's blobstore directory (`nil`: bundles are not served).
    let blobstoreDirectory: String?

    func add(to router: Router<BasicRequestContext>) {
        router.get("/deployments/:name/jobs/:group/:instance/logs") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let group = context.parameters.get("group") ?? "*"
            let instance = context.parameters.get("instance") ?? "*"
            guard let record = try await store.deployment(name) else {
                return JSONResponse.deploymentNotFound(name)
            }
            guard !LocalDirector.logInstances(record, group: group, instance: instance).isEmpty else {
                return JSONResponse.error(
                    .notFound, code: 70000, "No instances matched {deployment: '\(name)', group: '\(group)', instance: '\(instance)'}")
            }
            let query = request.uri.queryParameters
            let filters = query["filters"].map { String($0).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
            let task = try await store.createTask(
                type: "fetch_logs", description: "fetch logs", deployment: name,
                payload: TaskPayload(
                    deployment: name, group: group, instance: instance, logType: query["type"].map(String.init) ?? "",
                    filters: filters
                ).json)
            return Redirect.task(task.id)
        }
        router.get("/resources/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let directory = blobstoreDirectory, !id.isEmpty, !id.contains("/"), !id.hasPrefix("."),
                try await store.isEphemeralBlob(id)
            else { return JSONResponse.error(.notFound, code: 100, "Resource '\(id)' not found") }
            let body = try await FileIO().loadFile(path: directory + "/" + id, context: context)
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
        }
    }
}
