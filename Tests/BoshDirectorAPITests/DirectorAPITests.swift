import BoshDirectorStore
import Foundation
import NIOHTTP1
import Testing

/// The director API as the bosh CLI uses it (director-api.md §1–§3, §7, §8 and the §10 quirks they touch).
@Suite struct DirectorAPITests {
    @Test func infoIsOpenAndNamesTheUserOnlyForTheRightCredentials() async throws {
        try await APIHarness.withAPI { api in
            let anonymous = try await api.request(.GET, "/info", auth: nil)
            #expect(anonymous.status == .ok)
            let info = try #require(anonymous.json as? [String: Any])
            #expect(info["user"] is NSNull)
            #expect(info["uuid"] as? String == api.store.uuid)
            #expect((info["user_authentication"] as? [String: Any])?["type"] as? String == "basic")
            #expect((try await api.request(.GET, "/info").json as? [String: Any])?["user"] as? String == "admin")
            let wrong = try await api.request(.GET, "/info", auth: ("admin", "wrong"))
            #expect(wrong.status == .ok)
            #expect((wrong.json as? [String: Any])?["user"] is NSNull)
        }
    }

    @Test func everyOtherPathNeedsCredentials() async throws {
        try await APIHarness.withAPI { api in
            for auth in [nil, ("admin", "wrong")] as [(String, String)?] {
                let reply = try await api.request(.GET, "/tasks", auth: auth)
                #expect(reply.status == .unauthorized)
                #expect(reply.headers["WWW-Authenticate"].first == "Basic realm=\"BOSH Director\"")
                #expect(reply.body == "Not authorized: '/tasks'\n")
            }
            #expect(try await api.request(.GET, "/tasks").status == .ok)
        }
    }

    @Test func tls12WithTheCLIsCiphersWorks() async throws {
        try await APIHarness.withAPI(tlsVersion12Only: true) { api in
            let reply = try await api.request(.GET, "/info", auth: nil)
            #expect(reply.status == .ok)
        }
    }

    @Test func tasksAndTheirOutputWithRange() async throws {
        try await APIHarness.withAPI { api in
            let task = try await api.store.createTask(type: "update_deployment", description: "create deployment", deployment: "web")
            let hidden = try await api.store.createTask(type: "vms", description: "retrieve vm-stats", deployment: "web")
            let lines = "{\"time\":1,\"stage\":\"Updating instance\",\"tags\":[\"web\"],\"task\":\"web/a (0)\",\"state\":\"started\"}\n"
            try await api.store.appendOutput(Array(lines.utf8), to: task.id, kind: .event)

            let shown = try #require(try await api.request(.GET, "/tasks/\(task.id)").json as? [String: Any])
            #expect(shown["id"] as? Int == task.id && shown["state"] as? String == "queued")
            #expect(shown["description"] as? String == "create deployment" && shown["user"] as? String == "admin")
            #expect(shown["deployment"] as? String == "web" && shown["started_at"] is NSNull && shown["result"] is NSNull)
            #expect(try await api.request(.GET, "/tasks/999").status == .notFound)

            // The director's lists: verbose=1 hides the vms task, verbose=2 shows it; newest first.
            let recent = try #require(try await api.request(.GET, "/tasks?limit=30&verbose=1").json as? [[String: Any]])
            #expect(recent.map { $0["id"] as? Int } == [task.id])
            let all = try #require(try await api.request(.GET, "/tasks?state=processing%2Ccancelling%2Cqueued&verbose=2").json as? [[String: Any]])
            #expect(all.map { $0["id"] as? Int } == [hidden.id, task.id])

            let full = try await api.request(.GET, "/tasks/\(task.id)/output?type=event", headers: [("Range", "bytes=0-")])
            #expect(full.status == .partialContent)
            #expect(full.body == lines)
            #expect(full.headers["Content-Range"].first == "bytes 0-\(lines.utf8.count - 1)/\(lines.utf8.count)")
            let tail = try await api.request(.GET, "/tasks/\(task.id)/output?type=event", headers: [("Range", "bytes=10-")])
            #expect(tail.status == .partialContent && tail.body == String(lines.dropFirst(10)))
            let done = try await api.request(.GET, "/tasks/\(task.id)/output?type=event", headers: [("Range", "bytes=\(lines.utf8.count)-")])
            #expect(done.status == .rangeNotSatisfiable)
            #expect(done.headers["Content-Range"].first == "bytes */\(lines.utf8.count)")
            let empty = try await api.request(.GET, "/tasks/\(task.id)/output?type=result", headers: [("Range", "bytes=0-")])
            #expect(empty.status == .rangeNotSatisfiable)
            #expect(try await api.request(.GET, "/tasks/\(task.id)/output?type=result").status == .noContent)
            #expect(try await api.request(.GET, "/tasks/\(task.id)/output?type=none").status == .noContent)

            #expect(try await api.request(.DELETE, "/task/\(task.id)").status == .noContent)
            #expect(try await api.store.task(task.id)?.state == .cancelled)
        }
    }

    @Test func locksAndEventsWithStringIDs() async throws {
        try await APIHarness.withAPI { api in
            let lock = try await api.store.acquireLock(LockRecord.deployment("web"), taskID: "7", description: "deploy")
            let locks = try #require(try await api.request(.GET, "/locks").json as? [[String: Any]])
            #expect(locks.count == 1)
            #expect(locks.first?["type"] as? String == "deployment" && locks.first?["resource"] as? [String] == ["web"])
            #expect(locks.first?["task_id"] as? String == "7")
            #expect((locks.first?["timeout"] as? String).flatMap(Double.init) ?? 0 > Date().timeIntervalSince1970)
            await lock.release()

            let id = try await api.store.record(EventRecord(action: "create", objectType: "deployment", objectName: "web", task: "7", deployment: "web"))
            let events = try #require(try await api.request(.GET, "/events?deployment=web").json as? [[String: Any]])
            #expect(events.first?["id"] as? String == "\(id)" && events.first?["task"] as? String == "7")
            #expect(events.first?["context"] as? [String: Any] != nil)
            #expect((try await api.request(.GET, "/events/\(id)").json as? [String: Any])?["action"] as? String == "create")
        }
    }

    @Test func cloudConfigsTheLegacyWayAndConfigsWithIDs() async throws {
        try await APIHarness.withAPI { api in
            let yaml = Array("azs:\n- name: z1\n".utf8)
            #expect((try await api.request(.GET, "/cloud_configs?limit=1&name=").json as? [Any])?.isEmpty == true)
            let diff = try #require(try await api.request(.POST, "/cloud_configs/diff?name=", body: yaml).json as? [String: Any])
            #expect((diff["diff"] as? [[Any]])?.contains { ($0.first as? String) == "azs:" && ($0.last as? String) == "added" } == true)
            #expect(try await api.request(.POST, "/cloud_configs?name=", headers: [("Content-Type", "text/yaml")], body: yaml).status == .created)
            let current = try #require(try await api.request(.GET, "/cloud_configs?limit=1&name=").json as? [[String: Any]])
            #expect(current.first?["properties"] as? String == "azs:\n- name: z1\n")

            let broken = try await api.request(.POST, "/cloud_configs?name=", body: Array("azs: [z1\n".utf8))
            #expect(broken.status == .badRequest)
            #expect((broken.json as? [String: Any])?["code"] as? Int == 440001)

            let configs = try #require(try await api.request(.GET, "/configs?type=cloud&latest=true").json as? [[String: Any]])
            let id = try #require(configs.first?["id"] as? String)
            #expect(configs.first?["current"] as? Bool == true)
            let body = { (expected: String) in Array("{\"type\":\"cloud\",\"name\":\"default\",\"content\":\"azs: []\\n\",\"expected_latest_id\":\"\(expected)\"}".utf8) }
            let stale = try await api.request(.POST, "/configs", body: body("999"))
            #expect(stale.status == .preconditionFailed)
            #expect((stale.json as? [String: Any])?["latest_id"] as? String == id)
            let created = try await api.request(.POST, "/configs", body: body(id))
            #expect(created.status == .created)
            #expect((created.json as? [String: Any])?["id"] as? String != id)
            // `limit` is per type and name, as `bosh configs` (latest=true&limit=1) and `--recent 2` send it.
            try await api.store.updateConfig(type: "runtime", name: "dns", content: "addons: []\n")
            let latest = try #require(try await api.request(.GET, "/configs?latest=true&limit=1").json as? [[String: Any]])
            #expect(Set(latest.compactMap { $0["type"] as? String }) == ["cloud", "runtime"])
            let recent = try #require(try await api.request(.GET, "/configs?latest=false&limit=2").json as? [[String: Any]])
            #expect(recent.filter { $0["type"] as? String == "cloud" }.count == 2)
            #expect(try await api.request(.DELETE, "/configs?type=cloud&name=default").status == .noContent)
            #expect(try await api.request(.DELETE, "/configs?type=cloud&name=default").status == .notFound)
        }
    }

    @Test func deploymentsReleasesAndStemcellsAsRecorded() async throws {
        try await APIHarness.withAPI { api in
            var record = DeploymentRecord(name: "hello")
            record.manifest = "name: hello\n"
            record.releases = ["hello/0+dev.1"]
            record.stemcells = ["bosh-local-ubuntu-jammy-go_agent/1"]
            try await api.store.save(record)
            try await api.store.add(ReleaseRecord(name: "hello", version: "0+dev.1", tarball: "/x.tgz", jobs: [], packages: []))
            try await api.store.add(StemcellRecord(name: "bosh-local-ubuntu-jammy-go_agent", version: "1", os: "ubuntu-jammy", apiVersion: 3, cid: "sc-1"))

            // A bare `?`, as the CLI sends it.
            let deployments = try #require(try await api.request(.GET, "/deployments?").json as? [[String: Any]])
            #expect(deployments.first?["name"] as? String == "hello")
            #expect((deployments.first?["releases"] as? [[String: String]]) == [["name": "hello", "version": "0+dev.1"]])
            #expect((try await api.request(.GET, "/deployments/hello").json as? [String: String])?["manifest"] == "name: hello\n")
            let missing = try await api.request(.GET, "/deployments/nope")
            #expect(missing.status == .notFound && (missing.json as? [String: Any])?["code"] as? Int == 70000)
            let releases = try #require(try await api.request(.GET, "/releases").json as? [[String: Any]])
            #expect(((releases.first?["release_versions"] as? [[String: Any]])?.first?["currently_deployed"] as? Bool) == true)
            let stemcells = try #require(try await api.request(.GET, "/stemcells").json as? [[String: Any]])
            #expect(stemcells.first?["operating_system"] as? String == "ubuntu-jammy")
            #expect((stemcells.first?["deployments"] as? [[String: String]]) == [["name": "hello"]])
        }
    }

    @Test func anOversizedBodyIsRefusedAndTheServerKeepsServing() async throws {
        try await APIHarness.withAPI { api in
            let big = [UInt8](repeating: 0x61, count: 17 << 20)
            let reply = try await api.request(.POST, "/cloud_configs?name=", body: big)
            #expect(reply.status == .payloadTooLarge)
            #expect(try await api.request(.GET, "/info", auth: nil).status == .ok)
        }
    }
}
