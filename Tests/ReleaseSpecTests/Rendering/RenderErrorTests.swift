import ReleaseSpec
import Testing

/// Template failures carry the job, the template and the line, in the director's words.
@Suite struct RenderErrorTests {
    private func renderFailure(
        _ templates: [String: String], specBody: String = "", properties: RenderValue = [:],
        timeout: Duration = .seconds(10), killGrace: Duration = .seconds(5)
    ) async throws -> RenderFailure {
        let release = try RenderHarness.release(templates: templates, specBody: specBody)
        do {
            _ = try await RenderHarness.render(release, properties: properties, timeout: timeout, killGrace: killGrace)
        } catch {
            return error
        }
        Issue.record("rendering succeeded")
        return RenderFailure(instanceGroup: "", errors: [])
    }

    @Test func missingProperty() async throws {
        let failure = try await renderFailure(
            ["a.erb": "ok\n<%= p('db.port') %>\n"], specBody: "properties: {db.port: {}}")
        let error = try #require(failure.errors.first)
        #expect(error.kind == .missingProperty)
        #expect(error.job == "web" && error.template == "a.erb" && error.line == 2)
        #expect(
            error.description
                == #"Error filling in template 'a.erb' (line 2: Can't find property '["db.port"]')"#)
        #expect(
            failure.description == """
                - Unable to render jobs for instance group 'web_group'. Errors are:
                  - Unable to render templates for job 'web'. Errors are:
                    - Error filling in template 'a.erb' (line 2: Can't find property '["db.port"]')
                """)
    }

    @Test func missingLink() async throws {
        let failure = try await renderFailure(["a.erb": "<%= link('db').instances.size %>"])
        #expect(failure.errors.map(\.kind) == [.missingLink])
        #expect(failure.errors[0].message == "Can't find link 'db'")
    }

    @Test func everyFailingTemplateIsReported() async throws {
        let failure = try await renderFailure([
            "a.erb": "one\ntwo\n<% raise ArgumentError, 'bad port' %>", "b.erb": "fine",
            "c.erb": "<%= nil.upcase %>",
        ])
        #expect(failure.errors.map(\.template) == ["a.erb", "c.erb"])
        #expect(failure.errors[0].kind == .templateRaised)
        #expect(failure.errors[0].line == 3 && failure.errors[0].message == "bad port")
        #expect(failure.errors[1].message.contains("undefined method `upcase' for nil"))
    }

    /// A syntax error has no template line in Ruby's backtrace: the director prints `line (unknown)`, and
    /// Ruby's message ends in a newline, so the closing parenthesis stands on its own line.
    @Test func syntaxErrorIsLineUnknownAsTheDirectorPrintsIt() async throws {
        let failure = try await renderFailure(["s.erb": "line one\n<% if %>\n<% end end %>\n"])
        let error = try #require(failure.errors.first)
        #expect(error.kind == .syntax)
        #expect(error.template == "s.erb" && error.line == nil)
        #expect(error.message.contains("web/s.erb:2: syntax error"))
        #expect(error.description.hasPrefix("Error filling in template 's.erb' (line (unknown): web/s.erb:2: syntax error"))
        #expect(error.description.hasSuffix("\n)"))
        let lines = failure.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix("    - Error filling in template 's.erb' (line (unknown): "))
        #expect(lines.dropFirst(3).allSatisfy { $0.hasPrefix("    ") }, "continuation lines at the bullet's level")
        #expect(lines.last == "    )")
    }

    @Test func infiniteLoopTimesOut() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let failure = try await renderFailure(
            ["loop.erb": "x\n<% loop { } %>\n", "ok.erb": "ok"], timeout: .seconds(1),
            killGrace: .seconds(50))  // Ruby's own 1 s timeout must fire, however slow its start-up
        #expect(clock.now - start < .seconds(60))  // only catches a hang: ruby start-up is slow on a loaded machine (23 s seen in CI)
        let error = try #require(failure.errors.first)
        #expect(error.kind == .timeout && error.template == "loop.erb" && error.line == 2 && error.job == "web")
    }

    @Test func aProcessThatCannotBeInterruptedIsKilled() async throws {
        let release = try RenderHarness.release(templates: [
            "a.erb": "fine", "stop.erb": "<% Process.kill('STOP', Process.pid) %>",
        ])
        let job = try #require(release.job(named: "web"))
        let input = JobRenderInput(job: job, releaseName: "r", releaseVersion: "1", properties: [:])
        // Ruby must reach the template before the kill: start-up on a loaded machine can take seconds.
        var renderer = JobRenderer(timeout: .seconds(10))
        renderer.killGrace = .seconds(2)
        do {
            _ = try await renderer.render([input], for: RenderHarness.instance)
            Issue.record("rendering succeeded")
        } catch {
            let failure = try #require(error.errors.first)
            #expect(failure.kind == .timeout && failure.job == "web" && failure.template == "stop.erb")
        }
    }

    @Test func wrongPropertyType() async throws {
        let failure = try await renderFailure(
            ["a.erb": "<%= p('db.port') %>"], specBody: "properties: {db.port: {default: 1}}",
            properties: ["db": "not-a-hash"])
        let error = try #require(failure.errors.first)
        #expect(error.kind == .invalidPropertyType)
        #expect(error.job == "web")
        #expect(error.description == "Property 'db.port' expects a hash, but received 'String'")
    }

    @Test func rubyMissing() async throws {
        let release = try RenderHarness.release(templates: ["a.erb": "x"])
        let job = try #require(release.job(named: "web"))
        let input = JobRenderInput(job: job, releaseName: "r", releaseVersion: "1", properties: [:])
        await #expect(throws: RenderFailure.self) {
            _ = try await JobRenderer(ruby: "/nonexistent/ruby").render([input], for: RenderHarness.instance)
        }
    }
}
