import BoshYAML
import Foundation
import ReleaseSpec

/// Builds one-job releases and renders them for tests.
enum RenderHarness {
    /// A release with one job `web` whose templates are `templates` (source → ERB text, rendered to
    /// `out/<source>`), with the given spec body (properties/consumes) appended to its spec.
    static func release(
        templates: [String: String], monit: String = "check process web\n", specBody: String = ""
    ) throws -> Release {
        var builder = TarballBuilder()
        let templateLines = templates.keys.sorted().map { "  \($0): out/\($0)" }.joined(separator: "\n")
        var files = ["monit": monit]
        for (source, text) in templates { files["templates/\(source)"] = text }
        builder.jobs = [
            TarballBuilder.Job(
                name: "web", spec: "name: web\ntemplates:\n\(templateLines)\n\(specBody)", files: files)
        ]
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/release.tgz"
        try builder.write(to: path)
        return try ReleaseTarball.read(at: path)
    }

    static let instance = RenderInstance(
        deployment: "demo", instanceGroup: "web_group", id: "8f2e8a1c-0000-4000-8000-000000000001", index: 1,
        az: "z1", bootstrap: false,
        networks: [RenderNetwork(name: "default", ip: "10.0.0.5", netmask: "255.255.255.0", gateway: "10.0.0.1")],
        persistentDisk: 1024)

    /// Renders job `web` of `release` with manifest-style global properties and links.
    static func render(
        _ release: Release, properties: RenderValue = [:], links: [String: RenderLink] = [:],
        timeout: Duration = .seconds(10), killGrace: Duration = .seconds(5)
    ) async throws(RenderFailure) -> RenderedInstance {
        let job = release.job(named: "web")!
        let bound: RenderValue
        do { bound = try job.spec.bindProperties(global: properties) } catch {
            throw RenderFailure(instanceGroup: "web_group", errors: [error])
        }
        let input = JobRenderInput(
            job: job, releaseName: "test", releaseVersion: "1", properties: bound, links: links)
        var renderer = JobRenderer(timeout: timeout)
        renderer.killGrace = killGrace
        return try await renderer.render([input], for: instance)
    }

    /// The rendered text of template `source` of job `web`.
    static func text(_ rendered: RenderedInstance, _ source: String) -> String? {
        rendered.jobs.first?.files.first { $0.source == source }?.text
    }
}
