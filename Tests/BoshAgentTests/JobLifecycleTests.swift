import AgentProtocol
import Foundation
import NatsClient
import Testing

@testable import BoshAgent

#if canImport(Glibc)
import Glibc
#endif

/// apply / start / restart / stop / drain driven over NATS with `AgentClient`, as the director does.
@Suite(.serialized) struct JobLifecycleTests {
    static let ctl = """
        #!/bin/sh
        RUN=/var/vcap/sys/run/hello
        case "$1" in
          start)
            mkdir -p $RUN
            echo "ctl start $2" >> /var/vcap/sys/log/hello/ctl.log
            /bin/sh -c "echo \\$\\$ > $RUN/$2.pid; exec sleep 600" &
            ;;
          stop)
            kill $(cat $RUN/$2.pid) 2>/dev/null
            rm -f $RUN/$2.pid
            ;;
        esac
        """

    static let monit = """
        check process web
          with pidfile /var/vcap/sys/run/hello/web.pid
          start program "/var/vcap/jobs/hello/bin/ctl start web"
          stop program "/var/vcap/jobs/hello/bin/ctl stop web"
          group vcap

        check process worker
          with pidfile /var/vcap/sys/run/hello/worker.pid
          start program "/var/vcap/jobs/hello/bin/ctl start worker"
          stop program "/var/vcap/jobs/hello/bin/ctl stop worker"
          group vcap
        """

    static func helloArchive(_ agent: AgentHarness) async throws -> Blobs.Stored {
        try await agent.storeArchive([
            "hello/monit": (monit, 0o644),
            "hello/bin/ctl": (ctl, 0o644),
            "hello/bin/pre-start": ("#!/bin/sh\ntouch /var/vcap/data/hello/pre-start-ran\n", 0o644),
            "hello/bin/drain": ("#!/bin/sh\necho \"$1 $2\" > /var/vcap/data/hello/drained\necho 0\n", 0o644),
            "hello/config/hello.yml": ("data_dir: /var/vcap/data/hello\n", 0o644),
        ])
    }

    static func spec(
        job: String, hash: String, archive: Blobs.Stored, packages: [String: PackageSpec]
    ) -> ApplySpec {
        ApplySpec(
            deployment: "hello-deployment", name: "hello-group", index: 0, id: "instance-1", az: "z1",
            job: JobSpec(name: "hello-group", templates: [JobTemplate(name: job, version: "j1")]),
            packages: packages, networks: [:], configurationHash: hash,
            renderedTemplatesArchive: RenderedTemplatesArchive(blobstoreID: archive.id, sha1: archive.sha1))
    }

    static func pid(_ agent: AgentHarness, _ process: String) -> Int32? {
        ProcessSupervisor.readPID(agent.layout.sysRun.appendingPathComponent("hello/\(process).pid").path)
    }

    @Test func applyLaysOutStartRestartsStopAndReapply() async throws {
        try await AgentHarness.with { agent in
            let package = try await agent.storeArchive(["bin/tool": ("#!/bin/sh\necho tool\n", 0o755)])
            let archive = try await Self.helloArchive(agent)
            let packages = ["tool": PackageSpec(name: "tool", version: "p1", sha1: package.sha1, blobstoreID: package.id)]
            let spec = Self.spec(job: "hello", hash: "hash-1", archive: archive, packages: packages)
            try await agent.client.apply(agent.agentID, spec: spec)

            // Layout: symlinks, modes, /var/vcap rewritten, per-job directories.
            let layout = agent.layout
            let jobData = layout.jobData("hello", configurationHash: "hash-1")
            let fm = FileManager.default
            #expect(try fm.destinationOfSymbolicLink(atPath: layout.jobs.appendingPathComponent("hello").path) == jobData.path)
            #expect(
                try fm.destinationOfSymbolicLink(atPath: layout.packages.appendingPathComponent("tool").path)
                    == layout.packageData("tool", version: "p1").path)
            let ctl = jobData.appendingPathComponent("bin/ctl").path
            #expect((try fm.attributesOfItem(atPath: ctl)[.posixPermissions] as? Int) == 0o755)
            #expect((try fm.attributesOfItem(atPath: jobData.appendingPathComponent("config/hello.yml").path)[.posixPermissions] as? Int) == 0o644)
            let config = try String(contentsOf: jobData.appendingPathComponent("config/hello.yml"), encoding: .utf8)
            #expect(config == "data_dir: \(layout.varVcap.path)/data/hello\n")
            #expect(try String(contentsOfFile: ctl, encoding: .utf8).contains("RUN=\(layout.varVcap.path)/sys/run/hello\n"))
            for directory in [layout.sysRun, layout.sysLog, layout.data] {
                #expect(fm.fileExists(atPath: directory.appendingPathComponent("hello").path))
            }

            // Applied, not started.
            var state = try await agent.client.getState(agent.agentID)
            #expect(state.jobState == "stopped")
            #expect(state.spec.configurationHash == "hash-1")
            #expect(state.spec.deployment == "hello-deployment")
            #expect(state.agentID == agent.agentID)

            try await agent.client.runScript(agent.agentID, name: "pre-start")
            #expect(fm.fileExists(atPath: layout.data.appendingPathComponent("hello/pre-start-ran").path))

            // Heartbeats from here on.
            let heartbeats = try await agent.director.subscribe(to: "hm.agent.heartbeat.\(agent.agentID)")
            let seen = Locked<[String]>([])
            let collector = Task {
                for await message in heartbeats {
                    if let beat = try? JSONDecoder().decode(Heartbeat.self, from: Data(message.bytes)) {
                        seen.withLock { $0.append(beat.jobState) }
                    }
                }
            }
            defer { collector.cancel() }

            try await agent.client.start(agent.agentID)
            #expect(try await eventually { try await agent.client.getState(agent.agentID).jobState == "running" })
            state = try await agent.client.getState(agent.agentID, full: true)
            #expect(state.processes?.map(\.name) == ["web", "worker"])
            #expect(state.processes?.allSatisfy { $0.state == "running" } == true)
            #expect(state.vitals?.load?.count == 3)
            #expect(state.vitals?.disk?["system"]?.percent != nil)
            let web = try #require(Self.pid(agent, "web"))
            let worker = try #require(Self.pid(agent, "worker"))
            #expect(isAlive(web) && isAlive(worker))
            // The agent's NATS socket and event loop descriptors are not inherited by job processes.
            let inherited = (try fm.contentsOfDirectory(atPath: "/proc/\(web)/fd")).compactMap {
                try? fm.destinationOfSymbolicLink(atPath: "/proc/\(web)/fd/\($0)")
            }.filter { $0.hasPrefix("socket:") || $0.hasPrefix("anon_inode:") }
            #expect(inherited.isEmpty, "\(inherited)")
            #expect(await eventually { seen.current.last == "running" })

            // The job process dies: failing, then restarted under a new pid, then running.
            let before = seen.current.count
            kill(web, SIGKILL)
            #expect(
                await eventually {
                    if let pid = Self.pid(agent, "web") { return pid != web && isAlive(pid) }
                    return false
                })
            #expect(try await eventually { try await agent.client.getState(agent.agentID).jobState == "running" })
            #expect(await eventually { seen.current.last == "running" })
            let after = Array(seen.current.dropFirst(before))
            let failing = try #require(after.firstIndex(of: "failing"), "heartbeats after the kill: \(after)")
            #expect(after[failing...].contains("running"))
            #expect(isAlive(worker), "the other process is left alone")
            let log = try String(contentsOf: layout.sysLog.appendingPathComponent("hello/ctl.log"), encoding: .utf8)
            #expect(log.components(separatedBy: "ctl start web").count - 1 == 2)

            // Drain runs bin/drain; stop stops everything.
            #expect(try await agent.client.drain(agent.agentID, type: .shutdown) == 0)
            #expect(try String(contentsOf: layout.data.appendingPathComponent("hello/drained"), encoding: .utf8) == "job_shutdown hash_unchanged\n")
            let restarted = try #require(Self.pid(agent, "web"))
            try await agent.client.stop(agent.agentID)
            state = try await agent.client.getState(agent.agentID)
            #expect(state.jobState == "stopped")
            #expect(!isAlive(restarted) && !isAlive(worker))
            #expect(processes(withEnvironment: "BOSHKIT_VM_DIR=\(agent.root.standardizedFileURL.path)").isEmpty)
            #expect(await eventually { seen.current.last == "stopped" })

            // Re-apply with the same configuration hash: nothing fetched again (the archive blob is gone).
            try "marker".write(to: jobData.appendingPathComponent("marker"), atomically: true, encoding: .utf8)
            try fm.removeItem(at: agent.blobstore.appendingPathComponent(archive.id))
            try await agent.client.apply(agent.agentID, spec: spec)
            #expect(fm.fileExists(atPath: jobData.appendingPathComponent("marker").path))

            // A new job and package replace the old symlinks.
            let package2 = try await agent.storeArchive(["bin/other": ("#!/bin/sh\n", 0o755)])
            let archive2 = try await agent.storeArchive(["other/monit": ("", 0o644), "other/bin/run": ("#!/bin/sh\n", 0o644)])
            let spec2 = Self.spec(
                job: "other", hash: "hash-2", archive: archive2,
                packages: ["other-tool": PackageSpec(name: "other-tool", version: "p2", sha1: package2.sha1, blobstoreID: package2.id)])
            try await agent.client.apply(agent.agentID, spec: spec2)
            #expect(!fm.fileExists(atPath: layout.jobs.appendingPathComponent("hello").path))
            #expect(!fm.fileExists(atPath: layout.packages.appendingPathComponent("tool").path))
            #expect(
                try fm.destinationOfSymbolicLink(atPath: layout.jobs.appendingPathComponent("other").path)
                    == layout.jobData("other", configurationHash: "hash-2").path)
            #expect(fm.fileExists(atPath: layout.packages.appendingPathComponent("other-tool/bin/other").path))
            state = try await agent.client.getState(agent.agentID)
            #expect(state.spec.job?.templates?.map(\.name) == ["other"])
            #expect(state.processes?.isEmpty == true)
        }
    }

    @Test func aMalformedMonitFileFailsTheApplyNamingFileAndLine() async throws {
        try await AgentHarness.with(tls: false) { agent in
            let archive = try await agent.storeArchive([
                "bad/monit": ("check process bad\n  with pidfile /var/vcap/sys/run/bad/pid\n  start prog\n", 0o644)
            ])
            let spec = Self.spec(job: "bad", hash: "h", archive: archive, packages: [:])
            let error = await #expect(throws: AgentError.self) { try await agent.client.apply(agent.agentID, spec: spec) }
            let path = agent.layout.jobData("bad", configurationHash: "h").appendingPathComponent("monit").path
            #expect(error?.message.contains("\(path):3:") == true, "\(error?.message ?? "")")
        }
    }

    @Test func aProcessWhoseStartProgramFailsIsFailingAndRetried() async throws {
        try await AgentHarness.with(tls: false) { agent in
            let archive = try await agent.storeArchive([
                "hello/monit": (
                    "check process web\n  with pidfile /var/vcap/sys/run/hello/web.pid\n  start program \"/var/vcap/jobs/hello/bin/ctl\"\n",
                    0o644
                ),
                "hello/bin/ctl": ("#!/bin/sh\necho attempt >> /var/vcap/sys/log/hello/attempts\nexit 1\n", 0o644),
            ])
            try await agent.client.apply(agent.agentID, spec: Self.spec(job: "hello", hash: "h", archive: archive, packages: [:]))
            try await agent.client.start(agent.agentID)
            let attempts = agent.layout.sysLog.appendingPathComponent("hello/attempts").path
            #expect(
                await eventually {
                    (try? String(contentsOfFile: attempts, encoding: .utf8))?.split(separator: "\n").count ?? 0 >= 2
                })
            #expect(try await agent.client.getState(agent.agentID).jobState == "failing")
            try await agent.client.stop(agent.agentID)
            #expect(try await agent.client.getState(agent.agentID).jobState == "stopped")
        }
    }
}
