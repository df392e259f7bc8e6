import Foundation
import Logging
import Testing

@testable import BoshAgent

#if canImport(Glibc)
import Glibc
#endif

/// The supervisor on its own (no NATS): adopting a running process, stop program then SIGTERM, SIGKILL.
@Suite(.serialized) struct ProcessSupervisorTests {
    private func withLayout(_ body: (AgentLayout) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("agent-supervisor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = AgentLayout(root: root)
        try layout.createBaseDirectories()
        try layout.createJobDirectories("job")
        try await body(layout)
    }

    @Test func aProcessIgnoringSIGTERMIsKilledAndOneAlreadyRunningIsAdopted() async throws {
        try await withLayout { layout in
            let pidfile = layout.sysRun.appendingPathComponent("job/stubborn.pid").path
            let marker = layout.data.appendingPathComponent("job/starts").path
            let process = MonitProcess(
                name: "stubborn", pidfile: pidfile,
                startProgram: "echo start >> \(marker); /bin/sh -c 'trap \"\" TERM; echo $$ > \(pidfile); exec sleep 600' &",
                stopProgram: "true")
            let supervisor = ProcessSupervisor(
                layout: layout, options: SupervisorOptions(terminationGrace: .milliseconds(300)), logger: AgentHarness.logger)
            await supervisor.configure([SupervisedJob(name: "job", processes: [process])])
            #expect(await supervisor.jobState == "stopped")
            await supervisor.startAll()
            #expect(await eventually { await supervisor.jobState == "running" })
            let pid = try #require(await supervisor.pid(job: "job", process: "stubborn"))

            // A second supervisor (an agent restarted on the same VM) adopts the live pid instead of starting again.
            let second = ProcessSupervisor(
                layout: layout, options: SupervisorOptions(terminationGrace: .milliseconds(300)), logger: AgentHarness.logger)
            await second.configure([SupervisedJob(name: "job", processes: [process])])
            await second.startAll()
            #expect(await second.jobState == "running")
            #expect(await second.pid(job: "job", process: "stubborn") == pid)
            #expect(try String(contentsOfFile: marker, encoding: .utf8) == "start\n", "started once")

            // The stop program leaves it running and it ignores SIGTERM: SIGKILL after the grace period.
            let clock = ContinuousClock()
            let started = clock.now
            await supervisor.shutdown()
            #expect(clock.now - started >= .milliseconds(300))
            #expect(!isAlive(pid))
            #expect(await supervisor.jobState == "stopped")
            await second.shutdown()
            #expect(await second.jobState == "stopped")
        }
    }
}
