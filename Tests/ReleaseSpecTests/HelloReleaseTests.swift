import BoshKitTestSupport
import Foundation
import ReleaseSpec
import Testing

/// The shipped example release `Examples/hello/release`: it builds, renders, compiles and runs as the agent
/// will run it (contract §2, §4, §5), and its server answers over a real socket.
@Suite struct HelloReleaseTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/hello/release").path

    @Test func exampleReleaseBuilds() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let release = try ReleaseBuilder.build(directory: Self.directory, to: dir + "/hello.tgz")
        #expect(release.manifest.name == "hello")
        #expect(release.manifest.version == "0+dev.1")
        #expect(release.jobs.map(\.record.name) == ["hello-server"])
        #expect(release.packages.map(\.record.name) == ["hello-lib", "hello-server"])
        #expect(try release.compileOrder(forJobs: ["hello-server"]) == ["hello-lib", "hello-server"])
        let job = try #require(release.job(named: "hello-server"))
        #expect(job.spec.templates.map(\.destination) == ["bin/ctl", "config/config.json"])
        #expect(job.spec.properties.map(\.name) == ["port", "greeting", "bind_address"])
        #expect(job.spec.properties.allSatisfy { $0.description != nil && $0.defaultValue != nil })
        let monit = String(decoding: job.files["monit"] ?? [], as: UTF8.self)
        #expect(monit.contains("with pidfile /var/vcap/sys/run/hello-server/pid"))
        #expect(monit.contains("start program \"/var/vcap/jobs/hello-server/bin/ctl start\""))
    }

    @Test(.timeLimit(.minutes(2))) func exampleJobRunsAsTheAgentWill() async throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let release = try ReleaseBuilder.build(directory: Self.directory, to: dir + "/hello.tgz")
        let job = try #require(release.job(named: "hello-server"))
        let port = LoopbackHTTP.freePort()
        let properties = try job.spec.bindProperties(job: ["port": .number(String(port)), "greeting": "Hello from a test"])
        let instance = RenderInstance(
            deployment: "hello", instanceGroup: "web", id: "5f0c1e2a-0000-4000-8000-000000000001", index: 0, az: "z1",
            networks: [RenderNetwork(name: "default", ip: "127.0.0.1", netmask: "255.0.0.0", gateway: "127.0.0.1")])
        let rendered = try await JobRenderer().render(
            [JobRenderInput(job: job, releaseName: "hello", releaseVersion: release.manifest.version, properties: properties)],
            for: instance)
        let config = rendered.jobs.first?.files.first { $0.destination == "config/config.json" }?.text ?? ""
        #expect(config.contains("\"bind\": \"127.0.0.1\"") && config.contains("\"port\": \(port)"))

        let outcome = try await offCooperativePool {
            try AgentLikeRun(release: release, rendered: rendered, root: dir + "/vm").run(port: port)
        }
        #expect(outcome.compileStatuses == ["hello-lib": 0, "hello-server": 0])
        #expect(outcome.startStatus == 0)
        let answer = try #require(outcome.root)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
        #expect(answer.contains("\r\n\r\nHello from a test\n"))
        #expect(answer.contains("instance: web/0 (5f0c1e2a-0000-4000-8000-000000000001)"))
        #expect(answer.contains("az: z1") && answer.contains("ip: 127.0.0.1"))
        #expect(outcome.health?.hasPrefix("HTTP/1.1 200 OK") == true)
        #expect(outcome.missing?.hasPrefix("HTTP/1.1 404") == true)
        #expect(outcome.malformed?.hasPrefix("HTTP/1.1 400 Bad Request") == true)
        #expect(outcome.stopStatus == 0)
        #expect(!outcome.pidfileAfterStop)
        #expect(!outcome.aliveAfterStop)
        #expect(outcome.log.contains("listening on 127.0.0.1:\(port)"))
        #expect(outcome.log.hasSuffix("hello-server stopped\n"))  // SIGTERM: a clean exit
    }
}

/// Lays the release out under a VM root as the agent does (contract §2 and §4: packages compiled with
/// `bash -e packaging` in dependency order, rendered files with `/var/vcap` rewritten into the root, `bin/`
/// executable), then starts and stops the job with its monit file's programs.
private struct AgentLikeRun {
    var release: Release
    var rendered: RenderedInstance
    var root: String

    struct Outcome: Sendable {
        var compileStatuses: [String: Int32] = [:]
        var startStatus: Int32 = -1
        var root: String?
        var health: String?
        var missing: String?
        var malformed: String?
        var stopStatus: Int32 = -1
        var pidfileAfterStop = true
        var aliveAfterStop = true
        var log = ""
    }

    private var vcap: String { root + "/var/vcap" }
    private var path: String { "/usr/sbin:/usr/bin:/sbin:/bin" }

    func run(port: Int) throws -> Outcome {
        var outcome = Outcome()
        let fm = FileManager.default
        let unpacked = root + "/release"
        try ReleaseTarball.extract(release.tarball, to: unpacked)
        for name in try release.compileOrder(forJobs: ["hello-server"]) {
            let package = release.package(named: name)!
            let compile = vcap + "/data/compile/" + name
            try ReleaseTarball.extract(unpacked + "/" + package.archive.path, to: compile)
            let install = vcap + "/data/packages/\(name)/\(package.record.version)"
            try fm.createDirectory(atPath: install, withIntermediateDirectories: true)
            try fm.createDirectory(atPath: vcap + "/packages", withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: vcap + "/packages/" + name, withDestinationPath: install)
            outcome.compileStatuses[name] = try LocalProcess.run(
                "/bin/bash", ["-e", "packaging"],
                environment: [
                    "PATH": path, "BOSH_COMPILE_TARGET": compile, "BOSH_INSTALL_TARGET": vcap + "/packages/" + name,
                    "BOSH_PACKAGE_NAME": name, "BOSH_PACKAGE_VERSION": package.record.version,
                    "BOSH_PACKAGES_DIR": vcap + "/packages",
                ], directory: compile, log: root + "/compile-\(name).log")
        }

        let job = rendered.jobs[0]
        let jobDirectory = vcap + "/data/jobs/\(job.name)/\(rendered.configurationHash)"
        func lay(_ contents: [UInt8], at relative: String) throws {
            let target = jobDirectory + "/" + relative
            try fm.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let text = String(decoding: contents, as: UTF8.self).replacingOccurrences(of: "/var/vcap", with: vcap)
            try text.write(toFile: target, atomically: false, encoding: .utf8)
            try fm.setAttributes(
                [.posixPermissions: relative.hasPrefix("bin/") ? 0o755 : 0o644], ofItemAtPath: target)
        }
        try lay(job.monit, at: "monit")
        for file in job.files { try lay(file.contents, at: file.destination) }
        try fm.createDirectory(atPath: vcap + "/jobs", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: vcap + "/jobs/" + job.name, withDestinationPath: jobDirectory)
        for directory in ["sys/run/", "sys/log/", "data/"] {
            try fm.createDirectory(atPath: vcap + "/" + directory + job.name, withIntermediateDirectories: true)
        }

        let monit = try String(contentsOfFile: jobDirectory + "/monit", encoding: .utf8)
        let start = try program("start", in: monit)
        let stop = try program("stop", in: monit)
        let pidfile = vcap + "/sys/run/\(job.name)/pid"
        func pidFromFile() -> Int32 {
            Int32((try? String(contentsOfFile: pidfile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        }
        var started: Int32 = 0
        defer {
            // Whatever happened, nothing the test started outlives it.
            for pid in [started, pidFromFile()] where pid > 0 && LocalProcess.isAlive(pid) { kill(pid, SIGKILL) }
        }
        outcome.startStatus = try LocalProcess.run(
            "/bin/sh", ["-c", start], environment: ["PATH": path], log: root + "/monit.log", timeout: 30)
        _ = LocalProcess.waitUntil(seconds: 5) { fm.fileExists(atPath: pidfile) }
        let pid = pidFromFile()
        started = pid

        _ = LocalProcess.waitUntil(seconds: 20) { LoopbackHTTP.get("/health", port: port) != nil || !LocalProcess.isAlive(pid) }
        outcome.root = LoopbackHTTP.get("/", port: port)
        outcome.health = LoopbackHTTP.get("/health", port: port)
        outcome.missing = LoopbackHTTP.get("/nowhere", port: port)
        outcome.malformed = LoopbackHTTP.exchange("garbage\r\n\r\n", port: port)

        outcome.stopStatus = try LocalProcess.run(
            "/bin/sh", ["-c", stop], environment: ["PATH": path], log: root + "/monit.log")
        outcome.pidfileAfterStop = fm.fileExists(atPath: pidfile)
        outcome.aliveAfterStop = pid > 0 && LocalProcess.isAlive(pid)
        outcome.log = (try? String(contentsOfFile: vcap + "/sys/log/\(job.name)/\(job.name).stdout.log", encoding: .utf8)) ?? ""
        return outcome
    }

    /// The command of the monit file's `start program "…"` or `stop program "…"` line.
    private func program(_ kind: String, in monit: String) throws -> String {
        for line in monit.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\(kind) program \"") else { continue }
            let body = trimmed.dropFirst("\(kind) program \"".count)
            if let end = body.firstIndex(of: "\"") { return String(body[..<end]) }
        }
        throw LocalProcess.Failed(description: "the monit file has no \(kind) program:\n\(monit)")
    }
}
