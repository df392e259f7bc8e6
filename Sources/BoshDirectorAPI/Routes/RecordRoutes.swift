import BoshDirectorStore
import Foundation
import Hummingbird

/// The recorded deployments, releases and stemcells: `GET /deployments`, `/deployments/:name`, `/releases`,
/// `/stemcells`.
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

    struct ReleaseJSON: Encodable {
        struct Version: Encodable {
            var version: String
            var commit_hash = ""
            var uncommitted_changes = false
            var currently_deployed: Bool
            var job_names: [String]
        }
        var name: String
        var release_versions: [Version]
    }

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
        router.get("/deployments") { _, _ -> Response in
            JSONResponse.make(
                try await store.deployments().map {
                    DeploymentJSON(name: $0.name, releases: $0.releases.map(NameVersion.init), stemcells: $0.stemcells.map(NameVersion.init))
                })
        }
        router.get("/deployments/:name") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard let record = try await store.deployment(name) else {
                return JSONResponse.error(.notFound, code: 70000, "Deployment '\(name)' doesn't exist")
            }
            return JSONResponse.make(["manifest": record.manifest ?? ""])
        }
        router.get("/releases") { _, _ -> Response in
            let deployed = Set(try await store.deployments().flatMap(\.releases))
            var byName: [String: [ReleaseJSON.Version]] = [:]
            var order: [String] = []
            for release in try await store.releases() {
                if byName[release.name] == nil { order.append(release.name) }
                byName[release.name, default: []].append(
                    .init(version: release.version, currently_deployed: deployed.contains(release.slug), job_names: release.jobs.map(\.name)))
            }
            return JSONResponse.make(order.map { ReleaseJSON(name: $0, release_versions: byName[$0] ?? []) })
        }
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
    }
}
