import AsyncHTTPClient
import BoshDirectorStore
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Releases (matches, inspect, delete), stemcell deletion, and the one-instance calls: ignore, the
/// `--no-converge` actions, resurrection, cloud-check and logs.
@Suite struct ReleaseAndInstanceRouteTests {
    private func queued(_ api: APIHarness, _ reply: APIHarness.Reply) async throws -> (TaskRecord, [String: Any]) {
        #expect(reply.status == .found, "\(reply.status) \(reply.body)")
        let id = try #require(reply.headers["Location"].first.flatMap { Int($0.dropFirst("/tasks/".count)) })
        let task = try #require(try await api.store.task(id))
        let payload = try JSONSerialization.jsonObject(with: Data((task.payload ?? "{}").utf8)) as? [String: Any] ?? [:]
        return (task, payload)
    }

    private func release(_ version: String, packageBlob: String = "pkg-blob") -> ReleaseRecord {
        ReleaseRecord(
            name: "hello", version: version, tarball: "/nowhere.tgz",
            jobs: [
                .init(
                    name: "web", version: "job-fp", blobstoreID: "job-blob", sha1: "sha256:j", dependencies: ["ruby"],
                    consumes: [.init(name: "db", type: "database", optional: true)],
                    provides: [.init(name: "http", type: "http", properties: ["port"])]),
                .init(name: "api", version: "api-fp", blobstoreID: "api-blob", sha1: "sha256:a", dependencies: []),
            ],
            packages: [.init(name: "ruby", version: "ruby-fp", blobstoreID: packageBlob, sha1: "sha256:p", dependencies: [])])
    }

    private func deployment(_ api: APIHarness, vm: String? = "vm-1") async throws -> String {
        var record = DeploymentRecord(name: "hello")
        record.manifest = "name: hello\n"
        let id = "4bd0d7a1-1111-4222-8333-944455556666"
        record.instances = [
            InstanceRecord(
                group: "web", index: 0, id: id, az: "z1", bootstrap: true, addresses: ["default": "10.0.0.2"], vmCID: vm,
                agentID: vm.map { "agent-\($0)" }, isPending: false)
        ]
        try await api.store.save(record)
        return id
    }

    @Test func packageMatchesAnswerTheHeldFingerprints() async throws {
        try await APIHarness.withAPI { api in
            try await api.store.add(release("1"))
            let manifest = "name: hello\nversion: \"2\"\npackages:\n- name: ruby\n  fingerprint: ruby-fp\n  sha1: sha256:p\n- name: new\n  fingerprint: new-fp\n  sha1: sha256:n\n"
            let matches = try await api.request(.POST, "/packages/matches", headers: [("Content-Type", "text/yaml")], body: Array(manifest.utf8))
            #expect(matches.json as? [String] == ["ruby-fp"])
            for bad in ["name: [\n", "name: hello\n", "packages: {}\n"] {
                let refused = try await api.request(.POST, "/packages/matches", body: Array(bad.utf8))
                #expect(refused.status == .badRequest && (refused.json as? [String: Any])?["code"] as? Int == 440001, "\(bad)")
            }
        }
    }

    @Test func inspectReleaseShowsJobsPackagesAndCompiledBlobs() async throws {
        try await APIHarness.withAPI { api in
            try await api.store.add(release("1"))
            try await api.store.add(
                CompiledPackageRecord(key: "hello/ruby/ruby-fp/ubuntu-jammy/1.5/none", name: "ruby", version: "ruby-fp", blobstoreID: "c-1", sha1: "sha1:c"))
            try await api.store.add(
                CompiledPackageRecord(key: "hello/other/other-fp/ubuntu-jammy/1.5/none", name: "other", version: "other-fp", blobstoreID: "c-2", sha1: "x"))
            let reply = try await api.request(.GET, "/releases/hello?version=1")
            let json = try #require(reply.json as? [String: [[String: Any]]])
            #expect(json["jobs"]?.map { $0["name"] as? String } == ["api", "web"])
            let web = try #require(json["jobs"]?.last)
            #expect(web["blobstore_id"] as? String == "job-blob" && web["fingerprint"] as? String == "job-fp" && web["sha1"] as? String == "sha256:j")
            #expect((web["consumes"] as? [[String: Any]])?.first?["optional"] as? Bool == true)
            #expect((web["provides"] as? [[String: Any]])?.first?["properties"] as? [String] == ["port"])
            let ruby = try #require(json["packages"]?.first)
            #expect(ruby["name"] as? String == "ruby" && ruby["blobstore_id"] as? String == "pkg-blob")
            #expect(ruby["compiled_packages"] as? [[String: String]] == [["stemcell": "ubuntu-jammy/1.5", "sha1": "sha1:c", "blobstore_id": "c-1"]])

            let unknown = try await api.request(.GET, "/releases/nope?version=1")
            #expect(unknown.status == .notFound && (unknown.json as? [String: Any])?["description"] as? String == "Release 'nope' doesn't exist")
            let version = try await api.request(.GET, "/releases/hello?version=9")
            #expect(version.status == .notFound && (version.json as? [String: Any])?["code"] as? Int == 30006)
        }
    }

    @Test func releaseAndStemcellDeletionsAreTasks() async throws {
        try await APIHarness.withAPI { api in
            let missing = try await api.request(.DELETE, "/releases/nope?")
            #expect(missing.status == .notFound && (missing.json as? [String: Any])?["code"] as? Int == 30005)
            try await api.store.add(release("1"))
            let (task, payload) = try await queued(api, try await api.request(.DELETE, "/releases/hello?force=true&version=1"))
            #expect(task.type == "delete_release" && task.description == "delete release: hello")
            #expect(payload["release"] as? String == "hello" && payload["version"] as? String == "1" && payload["force"] as? Bool == true)
            let (whole, wholePayload) = try await queued(api, try await api.request(.DELETE, "/releases/hello"))
            #expect(whole.type == "delete_release" && wholePayload["version"] == nil)

            let (stemcell, stemcellPayload) = try await queued(api, try await api.request(.DELETE, "/stemcells/bosh-local/1.5?force=true"))
            #expect(stemcell.type == "delete_stemcell" && stemcell.description == "delete stemcell: bosh-local/1.5")
            #expect(stemcellPayload["stemcell"] as? String == "bosh-local" && stemcellPayload["version"] as? String == "1.5")
        }
    }

    @Test func ignoreResurrectionAndNoConvergeActions() async throws {
        try await APIHarness.withAPI { api in
            let id = try await deployment(api)
            let ignore = try await api.request(
                .PUT, "/deployments/hello/instance_groups/web/\(id)/ignore", headers: [("Content-Type", "application/json")],
                body: Array(#"{"ignore":true}"#.utf8))
            #expect(ignore.status == .ok && ignore.body.isEmpty)
            #expect(try await api.store.deployment("hello")?.instances.first?.isIgnored == true)
            _ = try await api.request(.PUT, "/deployments/hello/instance_groups/web/\(id)/ignore", body: Array(#"{"ignore":false}"#.utf8))
            #expect(try await api.store.deployment("hello")?.instances.first?.isIgnored == false)
            #expect(try await api.request(.PUT, "/deployments/hello/instance_groups/web/nope/ignore", body: Array(#"{"ignore":true}"#.utf8)).status == .notFound)
            #expect(try await api.request(.PUT, "/deployments/hello/instance_groups/web/\(id)/ignore", body: Array("yes".utf8)).status == .badRequest)

            #expect(try await api.request(.PUT, "/resurrection", body: Array(#"{"resurrection_paused":true}"#.utf8)).status == .ok)
            #expect(try await api.store.isResurrectionPaused())
            _ = try await api.request(.PUT, "/resurrection", body: Array(#"{"resurrection_paused":false}"#.utf8))
            #expect(try await !api.store.isResurrectionPaused())

            let (task, payload) = try await queued(
                api, try await api.request(.POST, "/deployments/hello/instance_groups/web/\(id)/actions/stop?hard=true&skip_drain=true"))
            #expect(task.type == "update_instance" && task.description == "stop instance" && task.deployment == "hello")
            #expect(payload["action"] as? String == "stop" && payload["hard"] as? Bool == true && payload["skipDrain"] as? Bool == true)
            #expect(payload["group"] as? String == "web" && payload["instance"] as? String == id)
            #expect(try await api.request(.POST, "/deployments/hello/instance_groups/web/0/actions/explode").status == .notFound)
            #expect(try await api.request(.POST, "/deployments/nope/instance_groups/web/0/actions/start").status == .notFound)
        }
    }

    @Test func cloudCheckScanProblemsAndResolutions() async throws {
        try await APIHarness.withAPI { api in
            let id = try await deployment(api)
            let (scan, _) = try await queued(api, try await api.request(.POST, "/deployments/hello/scans", headers: [("Content-Type", "application/json")]))
            #expect(scan.type == "cck_scan" && scan.description == "scan cloud")
            #expect(try await api.request(.GET, "/deployments/hello/problems").body == "[]")

            let found = try await api.store.replaceProblems(
                of: "hello", with: [ProblemRecord(deployment: "hello", type: "unresponsive_agent", instanceID: id)])
            // A rescan finding the same problem keeps its id.
            let again = try await api.store.replaceProblems(
                of: "hello", with: [ProblemRecord(deployment: "hello", type: "unresponsive_agent", instanceID: id)])
            #expect(again.map(\.id) == found.map(\.id))
            let problems = try #require(try await api.request(.GET, "/deployments/hello/problems").json as? [[String: Any]])
            #expect(problems.count == 1)
            #expect(problems.first?["id"] as? Int == found.first?.id)
            #expect(problems.first?["type"] as? String == "unresponsive_agent" && problems.first?["instance_group"] as? String == "web")
            #expect(problems.first?["description"] as? String == "VM for 'web/\(id) (0)' with cloud ID 'vm-1' is not responding.")
            let names = (problems.first?["resolutions"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["ignore", "reboot_vm", "recreate_vm_without_wait", "recreate_vm", "delete_vm", "delete_vm_reference"])

            let body = Array("{\"resolutions\":{\"\(found[0].id)\":\"recreate_vm\",\"99\":null},\"max_in_flight_overrides\":{}}".utf8)
            let (apply, payload) = try await queued(api, try await api.request(.PUT, "/deployments/hello/problems", body: body))
            #expect(apply.type == "cck_apply" && apply.description == "apply resolutions")
            #expect(payload["resolutions"] as? [String: String] == ["\(found[0].id)": "recreate_vm", "99": ""])
            let refused = try await api.request(.PUT, "/deployments/hello/problems", body: Array("[]".utf8))
            #expect(refused.status == .badRequest && (refused.json as? [String: Any])?["code"] as? Int == 410003)
        }
    }

    @Test func logsAreAFetchTaskAndResourcesServeOnlyBundles() async throws {
        try await APIHarness.withAPI { api in
            _ = try await deployment(api, vm: nil)
            let none = try await api.request(.GET, "/deployments/hello/jobs/*/*/logs?type=job")
            #expect(none.status == .notFound)
            _ = try await deployment(api)
            let (task, payload) = try await queued(api, try await api.request(.GET, "/deployments/hello/jobs/web/0/logs?type=agent,job&filters=a.log,b/*"))
            #expect(task.type == "fetch_logs" && task.description == "fetch logs")
            #expect(payload["logType"] as? String == "agent,job" && payload["filters"] as? [String] == ["a.log", "b/*"])
            #expect(try await api.request(.GET, "/resources/4bd0d7a1").status == .notFound)
        }
    }
}
