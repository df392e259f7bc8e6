import BoshDirectorStore
import Foundation
import Hummingbird

/// Stemcells: `GET /stemcells` and `DELETE /stemcells/:name/:version[?force=true]` (a task).
struct StemcellRoutes: Sendable {
    let store: DirectorStore

    struct StemcellJSON: Encodable {
        var name: String
        var version: String
        var operating_system: String
        var cid: String
        var cpi = ""
        var api_version: Int?
        var deployments: [[String: String]]
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/stemcells") { _, _ -> Response in
            let records = try await store.deployments()
            return JSONResponse.make(
                try await store.stemcells().map { stemcell in
                    StemcellJSON(
                        name: stemcell.name, version: stemcell.version, operating_system: stemcell.os, cid: stemcell.cid,
                        api_version: stemcell.apiVersion,
                        deployments: records.filter { $0.stemcells.contains(stemcell.slug) }.map { ["name": $0.name] })
                })
        }
        // The director checks nothing here: a missing or used stemcell fails the task.
        router.delete("/stemcells/:name/:version") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let version = context.parameters.get("version") ?? ""
            let task = try await store.createTask(
                type: "delete_stemcell", description: "delete stemcell: \(name)/\(version)",
                payload: TaskPayload(version: version, force: request.uri.queryParameters["force"] == "true", stemcell: name).json)
            return Redirect.task(task.id)
        }
    }
}
