import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

#if canImport(Glibc)
import Glibc
import BoshKitTestSupport
#endif

/// The whole lifecycle through `boshkit director start` with our own HTTPS client doing what the bosh CLI
/// does: cloud config, stemcell and release uploads, deploy, instances, a restart of the director process
/// (state kept, agents keep running), delete — and nothing left running.
@Suite(.serialized) struct DirectorAPIDeployTests {
    /// A running `boshkit director start` and a client for it.
    final class Director: @unchecked Sendable {
        let state: String
        var process: Process?
        var port = 0
        var client: HTTPClient?
        var authorization = ""

        init(state: String) { self.state = state }

        func start() throws {
            let endpoint = state + "/director/endpoint.json"
            try? FileManager.default.removeItem(atPath: endpoint)
            let process = Process()
            process.executableURL = BoshKitProcess.productsDirectory.appendingPathComponent("boshkit")
            process.arguments = ["director", "start", "--state", state, "--port", "0", "--log-level", "error", "--agent-timeout", "3"]
            process.currentDirectoryURL = BoshKitProcess.repositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            self.process = process
            guard LocalDeployment.eventually(60, { FileManager.default.fileExists(atPath: endpoint) }) else {
                throw TestError("the director did not start")
            }
            let recorded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: endpoint))) as? [String: Any]
            port = recorded?["port"] as? Int ?? 0
            let env = try BoshKitProcess.runBlocking(["director", "env", "--state", state])
            func value(_ name: String) -> String {
                guard let range = env.stdout.range(of: "export \(name)='") else { return "" }
                let rest = env.stdout[range.upperBound...]
                return String(rest[..<(rest.firstIndex(of: "'") ?? rest.endIndex)])
            }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(value("BOSH_CA_CERT").utf8)))
            try client?.syncShutdown()
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
            authorization = "Basic " + Data("\(value("BOSH_CLIENT")):\(value("BOSH_CLIENT_SECRET"))".utf8).base64EncodedString()
        }

        func stop() {
            guard let process, process.isRunning else { return }
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }

        func request(_ method: HTTPMethod, _ path: String, contentType: String? = nil, body: Data? = nil) throws -> (HTTPResponseStatus, HTTPHeaders, Data) {
            try LocalDeployment.blocking { [self] in
                var request = HTTPClientRequest(url: "https://127.0.0.1:\(port)\(path)")
                request.method = method
                request.headers.add(name: "Authorization", value: authorization)
                if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
                if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
                let response = try await client!.execute(request, timeout: .seconds(60))
                let bytes = try await response.body.collect(upTo: 64 << 20)
                return (response.status, response.headers, Data(buffer: bytes))
            }
        }

        /// What a task ended with: its state, its result output, the `result` field of its JSON, its event output.
        struct Outcome {
            var state: String
            var result: String
            var taskResult: String
            var events: String
            var location: String
        }

        /// Follows a task-creating call's 302 and polls the task until it ends; throws unless it is done (or
        /// `allowFailure`).
        @discardableResult
        func run(
            _ method: HTTPMethod, _ path: String, contentType: String? = nil, body: Data? = nil, allowFailure: Bool = false
        ) throws -> Outcome {
            let (status, headers, text) = try request(method, path, contentType: contentType, body: body)
            guard status == .found, let location = headers["Location"].first else {
                throw TestError("\(path): \(status) \(String(decoding: text, as: UTF8.self))")
            }
            var state = "queued"
            var task: [String: Any] = [:]
            let deadline = Date().addingTimeInterval(180)
            while ["queued", "processing", "cancelling"].contains(state), Date() < deadline {
                usleep(200_000)
                task = try JSONSerialization.jsonObject(with: try request(.GET, location).2) as? [String: Any] ?? [:]
                state = task["state"] as? String ?? "?"
            }
            let result = String(decoding: try request(.GET, location + "/output?type=result").2, as: UTF8.self)
            let events = String(decoding: try request(.GET, location + "/output?type=event").2, as: UTF8.self)
            if state != "done" && !allowFailure {
                throw TestError("\(path): task \(location) ended \(state): \(events)")
            }
            return Outcome(state: state, result: result, taskResult: task["result"] as? String ?? "", events: events, location: location)
        }

        /// `GET path` as raw bytes.
        func download(_ path: String) throws -> Data { try request(.GET, path).2 }
    }

    /// The entries of a tgz.
    static func entries(_ tgz: Data) throws -> [String] {
        let listed = try BoshKitProcess.runBlockingTool("/bin/tar", ["-tzf", "-"], stdin: tgz)
        return listed.split(separator: "\n").map { String($0.hasPrefix("./") ? $0.dropFirst(2) : $0[...]) }.filter { !$0.isEmpty }
    }

    @Test func uploadDeployRestartAndDeleteThroughTheAPI() async throws {
        try await offCooperativePool { try self.lifecycleBlocking() }
    }

    private func lifecycleBlocking() throws {
        let local = LocalDeployment()
        let director = Director(state: local.state)
        defer {
            director.stop()
            _ = try? local.boshkit(["delete-deployment", "-d", "hello", "-n", "--force"])
            local.killLeftovers()
            try? director.client?.syncShutdown()
            try? FileManager.default.removeItem(atPath: local.state)
        }
        let stemcell = local.state + "-stemcell.tgz"
        let release = local.state + "-release.tgz"
        defer {
            try? FileManager.default.removeItem(atPath: stemcell)
            try? FileManager.default.removeItem(atPath: release)
        }
        #expect(try BoshKitProcess.runBlocking(["create-stemcell", "--os", "ubuntu-jammy", "--tarball", stemcell]).status == 0)
        #expect(try BoshKitProcess.runBlocking(["create-release", "Examples/hello/release", "--tarball", release]).status == 0)
        try director.start()

        let root = BoshKitProcess.repositoryRoot
        let cloud = try Data(contentsOf: root.appendingPathComponent("Examples/hello/cloud-config.yml"))
        #expect(try director.request(.POST, "/cloud_configs?name=", contentType: "text/yaml", body: cloud).0 == .created)
        let uploaded = try director.run(.POST, "/stemcells?", contentType: "application/x-compressed", body: try Data(contentsOf: URL(fileURLWithPath: stemcell)))
        // bosh task N --debug / --cpi: the director's log of the task and its CPI calls.
        let debugLog = String(decoding: try director.download(uploaded.location + "/output?type=debug"), as: UTF8.self)
        #expect(debugLog.contains("INFO -- boshkit.director: Starting task") && debugLog.contains("create_stemcell"), "\(debugLog)")
        let cpiLog = String(decoding: try director.download(uploaded.location + "/output?type=cpi"), as: UTF8.self)
        #expect(cpiLog.contains("CPI request") && !cpiLog.contains("Starting task"), "\(cpiLog)")
        _ = try director.run(.POST, "/releases?", contentType: "application/x-compressed", body: try Data(contentsOf: URL(fileURLWithPath: release)))
        let manifest = try Data(contentsOf: root.appendingPathComponent("Tests/BoshKitCLITests/Fixtures/hello/api-deploy.yml"))
        _ = try director.run(.POST, "/deployments", contentType: "text/yaml", body: manifest)

        // As `bosh upload-release` does: ask which packages the director holds, then upload without them.
        let second = try strippedRelease(local: local, director: director)
        let inspected = try JSONSerialization.jsonObject(with: try director.download("/releases/hello?version=2")) as? [String: [[String: Any]]]
        let first = try JSONSerialization.jsonObject(with: try director.download("/releases/hello?version=0%2Bdev.1")) as? [String: [[String: Any]]]
        #expect(inspected?["packages"]?.map { $0["blobstore_id"] as? String } == first?["packages"]?.map { $0["blobstore_id"] as? String })
        #expect(inspected?["packages"]?.isEmpty == false && second.matched > 0)
        #expect(first?["packages"]?.allSatisfy { ($0["compiled_packages"] as? [Any])?.count == 1 } == true, "\(first ?? [:])")

        func instances() throws -> [[String: Any]] {
            try director.run(.GET, "/deployments/hello/instances?format=full").result.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
            }
        }
        let rows = try instances()
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0["job_state"] as? String == "running" }, "\(rows)")
        let webIP = try #require(rows.first { $0["job_name"] as? String == "web" && $0["index"] as? Int == 0 }?["ips"] as? [String]).first ?? ""
        #expect(LocalDeployment.get(webIP, 9280)?.contains("Hello from web") == true)

        // bosh stop / start / stop --hard / restart: instance state changes as tasks.
        func instance(_ group: String, _ index: Int) throws -> [String: Any]? {
            try instances().first { $0["job_name"] as? String == group && $0["index"] as? Int == index }
        }
        _ = try director.run(.PUT, "/deployments/hello/jobs/web/0?state=stopped", contentType: "text/yaml", body: Data())
        #expect(try instance("web", 0)?["state"] as? String == "stopped")
        #expect(try instance("web", 0)?["job_state"] as? String == "stopped")
        #expect(LocalDeployment.get(webIP, 9280, timeout: 1) == nil)
        // A deploy that changes the group keeps the stopped instance stopped (its new spec applied).
        let changed = Data(String(decoding: manifest, as: UTF8.self).replacingOccurrences(of: "greeting: Hello from web", with: "greeting: Hello again").utf8)
        _ = try director.run(.POST, "/deployments", contentType: "text/yaml", body: changed)
        #expect(try instance("web", 0)?["state"] as? String == "stopped")
        #expect(try instance("web", 0)?["job_state"] as? String == "stopped")
        let web1IP = try #require(try instance("web", 1)?["ips"] as? [String]).first ?? ""
        #expect(LocalDeployment.get(web1IP, 9280)?.contains("Hello again") == true)
        // bosh recreate keeps the desired state: a new VM, its jobs still stopped (no wait for them to run).
        let stoppedVM = try instance("web", 0)?["vm_cid"] as? String
        let recreated = Date()
        _ = try director.run(.PUT, "/deployments/hello/jobs/web/0?state=recreate", contentType: "text/yaml", body: Data())
        #expect(Date().timeIntervalSince(recreated) < 45)  // was 60 s + when it waited for stopped jobs
        #expect(try instance("web", 0)?["state"] as? String == "stopped")
        #expect(try instance("web", 0)?["vm_cid"] as? String != stoppedVM)
        #expect(try instance("web", 0)?["job_state"] as? String == "stopped")
        _ = try director.run(.PUT, "/deployments/hello/jobs/web/0?state=started", contentType: "text/yaml", body: Data())
        #expect(LocalDeployment.eventually(20) { LocalDeployment.get(webIP, 9280)?.contains("Hello again") == true })
        _ = try director.run(.POST, "/deployments", contentType: "text/yaml", body: manifest)
        #expect(LocalDeployment.eventually(20) { LocalDeployment.get(webIP, 9280)?.contains("Hello from web") == true })
        let apiVM = try #require(try instance("api", 1)?["vm_cid"] as? String)
        _ = try director.run(.PUT, "/deployments/hello/jobs/api/1?state=detached", contentType: "text/yaml", body: Data())
        #expect(try instance("api", 1)?["vm_cid"] == nil && (try instance("api", 1)?["state"] as? String) == "detached")
        _ = try director.run(.PUT, "/deployments/hello/jobs/*?state=restart", contentType: "text/yaml", body: Data())
        let restarted = try instances()
        #expect(restarted.allSatisfy { $0["job_state"] as? String == "running" && $0["state"] as? String == "started" }, "\(restarted)")
        #expect(try instance("api", 1)?["vm_cid"] as? String != apiVM)
        let unknown = try director.request(.PUT, "/deployments/hello/jobs/web?state=paused", contentType: "text/yaml", body: Data())
        #expect(unknown.0 == .badRequest)

        // A redeploy of the same manifest changes nothing.
        let started = Date()
        _ = try director.run(.POST, "/deployments", contentType: "text/yaml", body: manifest)
        #expect(Date().timeIntervalSince(started) < 5)

        // The director process restarts; the deployment and its agents are still there.
        director.stop()
        #expect(LocalDeployment.get(webIP, 9280)?.contains("Hello from web") == true)
        try director.start()
        let deployments = try JSONSerialization.jsonObject(with: try director.request(.GET, "/deployments").2) as? [[String: Any]]
        #expect(deployments?.map { $0["name"] as? String } == ["hello"])
        #expect(try instances().filter { $0["job_state"] as? String == "running" }.count == 4)

        try checkOneInstanceCalls(director, local: local, instance: instance, instances: instances)

        // The health monitor runs in the director: an agent killed is resurrected by a task `bosh tasks` shows.
        let victim = try #require(try instances().first { $0["job_name"] as? String == "web" && $0["index"] as? Int == 0 })
        let vm = try #require(victim["vm_cid"] as? String)
        let agent = try #require(try local.agentPID(vm: vm))
        kill(agent, SIGKILL)
        let resurrected = LocalDeployment.eventually(90) {
            let tasks = (try? JSONSerialization.jsonObject(with: try director.request(.GET, "/tasks?verbose=2").2)) as? [[String: Any]] ?? []
            return tasks.contains { $0["description"] as? String == "scan and fix" && $0["state"] as? String == "done" }
        }
        #expect(resurrected)
        #expect(LocalDeployment.eventually(30) { LocalDeployment.get(webIP, 9280)?.contains("Hello from web") == true })
        let after = try instances()
        #expect(after.first { $0["id"] as? String == victim["id"] as? String }?["vm_cid"] as? String != vm)

        // A deployed release or stemcell cannot be deleted; once the deployment is gone both can.
        let inUse = try director.run(.DELETE, "/releases/hello", allowFailure: true)
        #expect(inUse.state == "error" && inUse.events.contains("Release 'hello' is still in use by: hello"), "\(inUse.events)")
        let stemcells = try JSONSerialization.jsonObject(with: try director.download("/stemcells")) as? [[String: Any]] ?? []
        let stemcellPath = "/stemcells/\(stemcells.first?["name"] as? String ?? "")/\(stemcells.first?["version"] as? String ?? "")"
        #expect(try director.run(.DELETE, stemcellPath, allowFailure: true).events.contains("is still in use by: hello"))

        _ = try director.run(.DELETE, "/deployments/hello?")
        #expect(try JSONSerialization.jsonObject(with: try director.request(.GET, "/deployments").2) as? [Any] != nil)
        #expect(try director.run(.DELETE, stemcellPath).taskResult == stemcellPath)
        #expect(try director.run(.DELETE, "/releases/hello?version=2").taskResult == "/release/hello")
        let left = try JSONSerialization.jsonObject(with: try director.download("/releases")) as? [[String: Any]]
        #expect((left?.first?["release_versions"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["0+dev.1"])
        _ = try director.run(.DELETE, "/releases/hello")
        #expect(try director.download("/releases") == Data("[]".utf8))
        #expect(try director.download("/stemcells") == Data("[]".utf8))
        let events = try JSONSerialization.jsonObject(with: try director.download("/events?object_type=release")) as? [[String: Any]] ?? []
        #expect(Set(events.compactMap { $0["action"] as? String }) == ["create", "delete"], "\(events)")
        director.stop()
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
    }

    /// Version 2 of the example release, uploaded without the packages `POST /packages/matches` says the
    /// director holds (what the bosh CLI sends); returns how many were left out.
    private func strippedRelease(local: LocalDeployment, director: Director) throws -> (path: String, matched: Int) {
        let full = local.state + "-release-2.tgz"
        let work = local.state + "-release-2"
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(try BoshKitProcess.runBlocking(["create-release", "Examples/hello/release", "--version", "2", "--tarball", full]).status == 0)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        _ = try BoshKitProcess.runBlockingTool("/bin/tar", ["-xzf", full, "-C", work])
        let releaseMF = try Data(contentsOf: URL(fileURLWithPath: work + "/release.MF"))
        let matched = try JSONSerialization.jsonObject(
            with: try director.request(.POST, "/packages/matches", contentType: "text/yaml", body: releaseMF).2) as? [String] ?? []
        let text = String(decoding: releaseMF, as: UTF8.self)
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: work + "/packages")) ?? [] {
            let package = String(name.dropLast(".tgz".count))
            // The package's fingerprint is on the line after its name in release.MF.
            if matched.contains(where: { text.contains("name: \(package)\n  version: \($0)") || text.contains("name: \(package)\n  fingerprint: \($0)") }) {
                try FileManager.default.removeItem(atPath: work + "/packages/" + name)
                removed += 1
            }
        }
        let stripped = local.state + "-release-2-stripped.tgz"
        _ = try BoshKitProcess.runBlockingTool("/bin/tar", ["-czf", stripped, "-C", work, "."])
        defer {
            try? FileManager.default.removeItem(atPath: full)
            try? FileManager.default.removeItem(atPath: stripped)
        }
        #expect(removed == matched.count)
        _ = try director.run(.POST, "/releases?", contentType: "application/x-compressed", body: try Data(contentsOf: URL(fileURLWithPath: stripped)))
        return (stripped, matched.count)
    }

    /// ignore, the `--no-converge` actions, logs and cloud-check on the running deployment.
    private func checkOneInstanceCalls(
        _ director: Director, local: LocalDeployment, instance: (String, Int) throws -> [String: Any]?,
        instances: () throws -> [[String: Any]]
    ) throws {
        let web0 = try #require(try instance("web", 0)?["id"] as? String)
        let api1 = try #require(try instance("api", 1)?["id"] as? String)

        // bosh ignore: state changes of the instance are refused, the listing says so; unignore.
        let ignore = try director.request(
            .PUT, "/deployments/hello/instance_groups/api/\(api1)/ignore", contentType: "application/json", body: Data(#"{"ignore":true}"#.utf8))
        #expect(ignore.0 == .ok)
        #expect(try instance("api", 1)?["ignore"] as? Bool == true)
        let refused = try director.run(.PUT, "/deployments/hello/jobs/api/\(api1)?state=stopped", contentType: "text/yaml", body: Data(), allowFailure: true)
        #expect(refused.state == "error" && refused.events.contains("You are trying to change the state of the ignored instance"), "\(refused.events)")
        _ = try director.request(
            .PUT, "/deployments/hello/instance_groups/api/\(api1)/ignore", contentType: "application/json", body: Data(#"{"ignore":false}"#.utf8))
        #expect(try instance("api", 1)?["ignore"] as? Bool == false)

        // --no-converge: stop --hard leaves the instance detached, start brings a VM back.
        let stopped = try director.run(.POST, "/deployments/hello/instance_groups/web/\(web0)/actions/stop?hard=true", contentType: "text/yaml")
        #expect(stopped.taskResult == "web/\(web0)")
        #expect(stopped.events.contains("\"stage\":\"Updating instance web/\(web0) (0)\"") && stopped.events.contains("Deleting VM"))
        #expect(try instance("web", 0)?["state"] as? String == "detached" && (try instance("web", 0)?["vm_cid"]) == nil)
        let started = try director.run(.POST, "/deployments/hello/instance_groups/web/0/actions/start", contentType: "text/yaml")
        #expect(started.events.contains("Creating VM"), "\(started.events)")
        #expect(try instance("web", 0)?["job_state"] as? String == "running" && (try instance("web", 0)?["state"] as? String) == "started")
        let invalid = try director.run(.POST, "/deployments/hello/instance_groups/web/nope/actions/restart", allowFailure: true)
        #expect(invalid.events.contains("Invalid instance index or id 'nope'"))

        // bosh logs: one instance's bundle, then every instance's bundles packed together.
        let one = try director.run(.GET, "/deployments/hello/jobs/web/\(web0)/logs?type=job")
        let bundle = try director.download("/resources/\(one.taskResult)")
        let files = try Self.entries(bundle)
        #expect(files.contains { $0.hasPrefix("hello-server/") && $0.hasSuffix(".log") }, "\(files)")
        let all = try director.run(.GET, "/deployments/hello/jobs/*/*/logs?type=agent,job")
        let names = try Self.entries(try director.download("/resources/\(all.taskResult)"))
        #expect(names.count == 4 && names.allSatisfy { $0.range(of: #"^(web|api)\.[0-9a-f-]{36}\.\d{4}(-\d\d){5}\.tgz$"#, options: .regularExpression) != nil }, "\(names)")
        #expect(try director.request(.GET, "/resources/\(one.taskResult)x").0 == .notFound)

        // cloud-check with resurrection paused: a frozen agent is unresponsive, a VM deleted behind the
        // director's back is missing; both are recreated.
        #expect(try director.request(.PUT, "/resurrection", contentType: "application/json", body: Data(#"{"resurrection_paused":true}"#.utf8)).0 == .ok)
        let web1 = try #require(try instance("web", 1))
        let frozenVM = try #require(web1["vm_cid"] as? String)
        let frozen = try #require(try local.agentPID(vm: frozenVM))
        kill(frozen, SIGSTOP)
        let api0 = try #require(try instance("api", 0))
        let goneVM = try #require(api0["vm_cid"] as? String)
        let deleteVM = Data(#"{"method":"delete_vm","arguments":["\#(goneVM)"],"context":{"director_uuid":"test"}}"#.utf8)
        #expect(try BoshKitProcess.runBlocking(["local-cpi", "--state-dir", local.state + "/cpi"], stdin: deleteVM).status == 0)
        let scan = try director.run(.POST, "/deployments/hello/scans", contentType: "application/json")
        #expect(scan.taskResult == "scan complete")
        #expect(scan.events.contains("2 OK, 1 unresponsive, 1 missing, 0 unbound"), "\(scan.events)")
        let problems = try JSONSerialization.jsonObject(with: try director.download("/deployments/hello/problems")) as? [[String: Any]] ?? []
        #expect(Set(problems.compactMap { $0["type"] as? String }) == ["unresponsive_agent", "missing_vm"], "\(problems)")
        let unresponsive = try #require(problems.first { $0["type"] as? String == "unresponsive_agent" })
        #expect(unresponsive["description"] as? String == "VM for 'web/\(web1["id"] as? String ?? "") (1)' with cloud ID '\(frozenVM)' is not responding.")
        let ids = problems.compactMap { $0["id"] as? Int }
        let resolutions = "{\"resolutions\":{\"\(ids[0])\":\"recreate_vm\",\"\(ids[1])\":\"recreate_vm\"}}"
        let resolved = try director.run(.PUT, "/deployments/hello/problems", contentType: "application/json", body: Data(resolutions.utf8))
        #expect(resolved.taskResult == "2 resolved", "\(resolved.events)")
        #expect(try instances().allSatisfy { $0["job_state"] as? String == "running" })
        #expect(try director.download("/deployments/hello/problems") == Data("[]".utf8))
        #expect(try director.request(.PUT, "/resurrection", contentType: "application/json", body: Data(#"{"resurrection_paused":false}"#.utf8)).0 == .ok)
    }
}
