import AsyncHTTPClient
import BoshDirectorStore
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The calls that queue tasks answer 302 to `/tasks/N` and queue what a worker needs; bad input is refused
/// before anything is queued.
@Suite struct TaskCreatingRouteTests {
    private func queued(_ api: APIHarness, _ location: String?) async throws -> (TaskRecord, [String: Any]) {
        let id = try #require(location.flatMap { Int($0.dropFirst("/tasks/".count)) })
        let task = try #require(try await api.store.task(id))
        let payload = try JSONSerialization.jsonObject(with: Data((task.payload ?? "{}").utf8)) as? [String: Any] ?? [:]
        return (task, payload)
    }

    @Test func stemcellAndReleaseUploads() async throws {
        try await APIHarness.withAPI { api in
            let check = Array("{\"stemcell\":{\"name\":\"bosh-local-ubuntu-jammy-go_agent\",\"version\":\"1\"}}".utf8)
            #expect((try await api.request(.POST, "/stemcell_uploads", body: check).json as? [String: Bool])?["needed"] == true)
            try await api.store.add(StemcellRecord(name: "bosh-local-ubuntu-jammy-go_agent", version: "1", os: "ubuntu-jammy", apiVersion: 3, cid: "c"))
            #expect((try await api.request(.POST, "/stemcell_uploads", body: check).json as? [String: Bool])?["needed"] == false)
            #expect(try await api.request(.POST, "/packages/matches", body: Array("name: x\npackages: []\n".utf8)).body == "[]")

            let tarball = [UInt8](repeating: 0x1f, count: 300_000)
            let stemcell = try await api.request(
                .POST, "/stemcells?", headers: [("Content-Type", "application/x-compressed")], body: tarball)
            #expect(stemcell.status == .found)
            let (task, payload) = try await queued(api, stemcell.headers["Location"].first)
            #expect(task.type == "update_stemcell" && task.state == .queued && task.description == "create stemcell")
            let saved = try #require(payload["path"] as? String)
            #expect(FileManager.default.contents(atPath: saved) == Data(tarball))

            let source = api.directory + "/hello.tgz"
            _ = FileManager.default.createFile(atPath: source, contents: Data([1, 2, 3]))
            let byURL = try await api.request(
                .POST, "/releases?", headers: [("Content-Type", "application/json")], body: Array("{\"location\":\"file://\(source)\"}".utf8))
            #expect(byURL.status == .found)
            let (release, releasePayload) = try await queued(api, byURL.headers["Location"].first)
            #expect(release.type == "update_release")
            // A location is read where it is when the task runs (and never removed).
            #expect(releasePayload["location"] as? String == source && releasePayload["path"] == nil)
            let remote = try await api.request(
                .POST, "/releases?", headers: [("Content-Type", "application/json")], body: Array("{\"location\":\"https://example.invalid/r.tgz\"}".utf8))
            #expect(remote.status == .badRequest && (remote.json as? [String: Any])?["code"] as? Int == 30001)
        }
    }

    @Test func aClientThatDisconnectsMidUploadLeavesNothing() async throws {
        try await APIHarness.withAPI { api in
            let scratch = api.directory + "/tmp"
            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0.hasPrefix("upload-") }
            var request = HTTPClientRequest(url: "https://127.0.0.1:\(api.port)/stemcells")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Basic " + Data("admin:\(api.credentials.password)".utf8).base64EncodedString())
            request.headers.add(name: "Content-Type", value: "application/x-compressed")
            struct Cut: Error {}
            let chunks = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                continuation.yield(ByteBuffer(bytes: [UInt8](repeating: 7, count: 256 * 1024)))
                continuation.finish(throwing: Cut())
            }
            request.body = .stream(chunks, length: .known(Int64(4 << 20)))
            _ = try? await api.client.execute(request, timeout: .seconds(10))
            try await Task.sleep(for: .milliseconds(300))
            let after = Set((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0.hasPrefix("upload-") }
            #expect(after.subtracting(before).isEmpty, "\(after.subtracting(before))")
            #expect(try await api.store.tasks(TaskFilter(types: ["update_stemcell"])).isEmpty)
            #expect(try await api.request(.GET, "/info", auth: nil).status == .ok)
        }
    }

    @Test func deployDiffDeployDeleteAndListings() async throws {
        try await APIHarness.withAPI { api in
            try await api.store.updateConfig(type: "cloud", content: "azs: []\n")
            let manifest = Array("name: hello\nreleases: []\nstemcells: []\ninstance_groups: []\nupdate: {canaries: 1, max_in_flight: 1, canary_watch_time: 1000, update_watch_time: 1000}\n".utf8)
            let diff = try #require(try await api.request(.POST, "/deployments/hello/diff?redact=true", body: manifest).json as? [String: Any])
            #expect((diff["context"] as? [String: [Int]])?["cloud_config_ids"]?.count == 1)
            #expect((diff["diff"] as? [[Any]])?.contains { ($0.first as? String) == "name: hello" && ($0.last as? String) == "added" } == true)

            let broken = try await api.request(.POST, "/deployments?", headers: [("Content-Type", "text/yaml")], body: Array("name: [\n".utf8))
            #expect(broken.status == .badRequest && (broken.json as? [String: Any])?["code"] as? Int == 440001)
            // An alias bomb (300 bytes, 10^9 nodes expanded) is refused at once.
            var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
            for (previous, name) in zip("abcdefgh", "bcdefghi") {
                lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
            }
            let bomb = try await api.request(
                .POST, "/deployments", headers: [("Content-Type", "text/yaml")], body: Array(lines.joined(separator: "\n").utf8))
            #expect(bomb.status == .badRequest && bomb.body.contains("document contains excessive aliasing"), "\(bomb.body)")
            #expect(try await api.store.tasks().isEmpty)

            let deploy = try await api.request(.POST, "/deployments?recreate=true", headers: [("Content-Type", "text/yaml")], body: manifest)
            #expect(deploy.status == .found)
            let (task, payload) = try await queued(api, deploy.headers["Location"].first)
            #expect(task.type == "update_deployment" && task.deployment == "hello" && task.description == "create deployment")
            #expect(payload["manifest"] as? String == String(decoding: manifest, as: UTF8.self) && payload["recreate"] as? Bool == true)

            #expect(try await api.request(.DELETE, "/deployments/nope?").status == .notFound)
            var record = DeploymentRecord(name: "hello")
            record.manifest = "name: hello\n"
            try await api.store.save(record)
            let delete = try await api.request(.DELETE, "/deployments/hello?force=true")
            #expect(delete.status == .found)
            let (deletion, deletePayload) = try await queued(api, delete.headers["Location"].first)
            #expect(deletion.type == "delete_deployment" && deletePayload["force"] as? Bool == true)
            let vms = try await api.request(.GET, "/deployments/hello/vms?format=full")
            #expect(vms.status == .found)
            #expect(try await queued(api, vms.headers["Location"].first).0.type == "vms")
            #expect((try await api.request(.GET, "/deployments/hello/instances").json as? [Any])?.isEmpty == true)
        }
    }
}
