import BoshDirectorStore
import Foundation
import Hummingbird

/// The recorded deployments: `GET /deployments` and `/deployments/:name` (its manifest).
struct RecordRoutes: Sendable {
    let store: DirectorStore

    struct NameVersion: Encodable {
        var name: String
        var version: String

        init(slug: String) {
            let parts = slug.split(separator: "/", maxSplits: 1)
            name = String(parts.first ?? "")
            version = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    struct DeploymentJSON: Encodable {
        var name: String
        var releases: [NameVersion]
        var stemcells: [NameVersion]
        var teams: [String] = []
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/deployments") { _, _ -> Response in
            JSONResponse.make(
                try await store.deployments().map {
                    DeploymentJSON(name: $0.name, releases: $0.releases.map(NameVersion.init), stemcells: $0.stemcells.map(NameVersion.init))
                })
        }
        router.get("/deployments/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard let record = try await store.deployment(name) else {
                return JSONResponse.deploymentNotFound(name)
            }
            return JSONResponse.make(["manifest": record.manifest ?? ""])
        }
    }
}
