import Foundation
import ReleaseSpec
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `ruby` process behind ``JobRenderer``: one that never reads its input, or that leaves a child holding
/// its output open, ends as a ``RenderError`` promptly (never `SIGPIPE` in the test process, never a hang).
@Suite struct RubyProcessTests {
    /// A request larger than a pipe buffer, so writing it to a `ruby` that does not read must fail (`EPIPE`).
    private func bigInput() throws -> JobRenderInput {
        let release = try RenderHarness.release(templates: ["big.erb": String(repeating: "x", count: 1 << 20)])
        let job = try #require(release.job(named: "web"))
        return JobRenderInput(job: job, releaseName: "r", releaseVersion: "1", properties: [:])
    }

    private func failure(_ renderer: JobRenderer, _ input: JobRenderInput) async throws -> RenderError {
        do {
            _ = try await renderer.render([input], for: RenderHarness.instance)
        } catch {
            return try #require(error.errors.first)
        }
        Issue.record("rendering succeeded")
        throw CancellationError()
    }

    @Test func rubyExitingBeforeReadingItsInputIsAnError() async throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ruby = dir + "/ruby"
        try "#!/bin/sh\necho 'not a ruby' >&2\nexit 3\n".write(toFile: ruby, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ruby)
        let error = try await failure(JobRenderer(ruby: ruby), try bigInput())
        #expect(error.kind == .ruby)
        #expect(error.message == "ruby exited with status 3: not a ruby")
    }

    @Test func rubyMissingFromPathIsAnError() async throws {
        let error = try await failure(JobRenderer(ruby: "boshkit-no-such-ruby"), try bigInput())
        #expect(error.kind == .ruby)
        #expect(error.message.hasPrefix("ruby exited with status 127:"))
        #expect(error.message.contains("boshkit-no-such-ruby"))
    }

    @Test func aBackgroundChildHoldingTheOutputOpenIsKilledAtTheTimeout() async throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pidFile = dir + "/sleep.pid"
        let release = try RenderHarness.release(templates: [
            "bg.erb": "<% system('sleep 100 & echo $! > \(pidFile)') %>started"
        ])
        let job = try #require(release.job(named: "web"))
        let input = JobRenderInput(job: job, releaseName: "r", releaseVersion: "1", properties: [:])
        // Ruby must reach the template (and start `sleep`) before the deadline: start-up takes seconds under load.
        var renderer = JobRenderer(timeout: .seconds(10))
        renderer.killGrace = .seconds(1)
        let clock = ContinuousClock()
        let start = clock.now
        let error = try await failure(renderer, input)
        #expect(clock.now - start < .seconds(60))  // only catches a hang: ruby start-up is slow on a loaded machine (23 s seen in CI)
        #expect(error.kind == .timeout)
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(LocalProcess.waitUntil(seconds: 5) { !LocalProcess.isAlive(pid) })
        if LocalProcess.isAlive(pid) { kill(pid, SIGKILL) }
    }
}
