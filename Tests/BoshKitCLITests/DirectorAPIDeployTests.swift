import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

#if canImport(Glibc)
import Glibc
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

        /// Follows a task-creating call's 302 and polls the task until it ends; returns its state and result output.
        func run(_ method: HTTPMethod, _ path: String, contentType: String? = nil, body: Data? = nil) throws -> (state: String, result: String) {
            let (status, headers, text) = try request(method, path, contentType: contentType, body: body)
            guard status == .found, let location = headers["Location"].first else {
                throw TestError("\(path): \(status) \(String(decoding: text, as: UTF8.self))")
            }
            var state = "queued"
            let deadline = Date().addingTimeInterval(180)
            while ["queued", "processing", "cancelling"].contains(state), Date() < deadline {
                usleep(200_000)
                let task = try JSONSerialization.jsonObject(with: try request(.GET, location).2) as? [String: Any]
                state = task?["state"] as? String ?? "?"
            }
            let result = try request(.GET, location + "/output?type=result").2
            if state != "done" {
                let events = String(decoding: try request(.GET, location + "/output?type=event").2, as: UTF8.self)
                throw TestError("\(path): task \(location) ended \(state): \(events)")
            }
            return (state, String(decoding: result, as: UTF8.self))
        }
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
        _ = try director.run(.POST, "/stemcells?", contentType: "application/x-compressed", body: try Data(contentsOf: URL(fileURLWithPath: stemcell)))
        _ = try director.run(.POST, "/releases?", contentType: "application/x-compressed", body: try Data(contentsOf: URL(fileURLWithPath: release)))
        let manifest = try Data(contentsOf: root.appendingPathComponent("Tests/BoshKitCLITests/Fixtures/hello/api-deploy.yml"))
        _ = try director.run(.POST, "/deployments", contentType: "text/yaml", body: manifest)

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
        _ = try director.run(.PUT, "/deployments/hello/jobs/web/0?state=started", contentType: "text/yaml", body: Data())
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

        _ = try director.run(.DELETE, "/deployments/hello?")
        #expect(try JSONSerialization.jsonObject(with: try director.request(.GET, "/deployments").2) as? [Any] != nil)
        director.stop()
        #expect(LocalDeployment.eventually(10) { local.leftoverProcesses().isEmpty }, "\(local.leftoverProcesses())")
    }
}
