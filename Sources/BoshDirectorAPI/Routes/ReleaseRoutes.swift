import BoshDirectorStore
import Foundation
import Hummingbird

/// Releases: `GET /releases` (the list), `GET /releases/:name?version=` (`bosh inspect-release`) and
/// `DELETE /releases/:name[?version=][&force=true]` (a task).
struct ReleaseRoutes: Sendable {
    let store: DirectorStore

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

    struct InspectJSON: Encodable {
        struct Job: Encodable {
            var name: String
            var blobstore_id: String
            var sha1: String
            var fingerprint: String
            var consumes: [ReleaseRecord.Link]
            var provides: [ReleaseRecord.Link]
        }
        struct Package: Encodable {
            var name: String
            var blobstore_id: String
            var sha1: String
            var fingerprint: String
            var compiled_packages: [[String: String]]
        }
        var jobs: [Job]
        var packages: [Package]
    }

    func add(to router: Router<BasicRequestContext>) {
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
        router.get("/releases/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            let versions = try await store.releases().filter { $0.name == name }
            guard !versions.isEmpty else { return JSONResponse.error(.notFound, code: 30005, "Release '\(name)' doesn't exist") }
            let wanted = request.uri.queryParameters["version"].map(String.init) ?? ""
            guard let release = versions.first(where: { $0.version == wanted }) else {
                return JSONResponse.error(.notFound, code: 30006, "Release version '\(name)/\(wanted)' doesn't exist")
            }
            let compiled = try await store.compiledPackages()
            let stemcells = try await store.stemcells()
            return JSONResponse.make(
                InspectJSON(
                    jobs: release.jobs.sorted { $0.name < $1.name }.map { job in
                        .init(
                            name: job.name, blobstore_id: job.blobstoreID, sha1: job.sha1, fingerprint: job.version,
                            consumes: job.consumes, provides: job.provides)
                    },
                    packages: release.packages.sorted { $0.name < $1.name }.map { package in
                        .init(
                            name: package.name, blobstore_id: package.blobstoreID, sha1: package.sha1, fingerprint: package.version,
                            compiled_packages: Self.compiled(package, in: compiled, stemcells: stemcells))
                    }))
        }
        router.delete("/releases/:name") { request, context -> Response in
            let name = context.parameters.get("name") ?? ""
            guard try await store.releases().contains(where: { $0.name == name }) else {
                return JSONResponse.error(.notFound, code: 30005, "Release '\(name)' doesn't exist")
            }
            let query = request.uri.queryParameters
            let version = query["version"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let task = try await store.createTask(
                type: "delete_release", description: "delete release: \(name)",
                payload: TaskPayload(release: name, version: version, force: query["force"] == "true").json)
            return Redirect.task(task.id)
        }
    }

    /// The compiled blobs of `package` (its name and fingerprint in the compiled package key
    /// `release/package/fingerprint/os/stemcell-version/…`), by stemcell OS and version.
    static func compiled(
        _ package: ReleaseRecord.Blob, in compiled: [CompiledPackageRecord], stemcells: [StemcellRecord]
    ) -> [[String: String]] {
        compiled.compactMap { record -> (os: String, version: String, record: CompiledPackageRecord)? in
            let parts = record.key.split(separator: "/", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 5, parts[1] == package.name, parts[2] == package.version else { return nil }
            return (parts[3], parts[4], record)
        }
        .sorted { ($0.os, $0.version) < ($1.os, $1.version) }
        .map { ["stemcell": "\($0.os)/\($0.version)", "sha1": $0.record.sha1, "blobstore_id": $0.record.blobstoreID] }
    }
}
