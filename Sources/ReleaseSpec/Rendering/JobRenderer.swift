import BoshArchive
import BoshProcess
import Foundation
import Logging

/// Renders job templates (ERB) the way the director does, with the system `ruby` and BoshKit's own
/// evaluation context (`p`, `if_p`, `spec`, `link`, `if_link`, `name`, `index` …), shipped as a resource of
/// this module.
///
/// One `ruby` process renders every template of a batch (all jobs of an instance). Errors of every template
/// are collected and thrown together as a ``RenderFailure``, as the director reports them.
public struct JobRenderer: Sendable {
    /// The `ruby` executable: a path, or a name looked up on `PATH`.
    public var ruby: String
    /// How long one batch may take. A template still running after this long fails with
    /// ``RenderError/Kind/timeout`` naming its line (the process is killed if it does not stop by itself, together
    /// with every process a template started in its process group).
    public var timeout: Duration
    /// Where progress is logged (debug: one line per batch).
    public var logger: Logger
    /// How much longer than ``timeout`` the process may run (start-up, a template Ruby cannot interrupt)
    /// before it is killed; the error then names the template that was running.
    public var killGrace: Duration = .seconds(5)
    /// Another evaluation script speaking the same stdin/stdout protocol (`nil`: the bundled one); used to
    /// record conformance fixtures with the director's own evaluation context.
    public var script: String?

    /// Creates a renderer.
    /// - Parameters:
    ///   - ruby: the `ruby` executable (default: `ruby` on `PATH`).
    ///   - timeout: the time one batch may take (default 30 seconds).
    ///   - logger: where progress is logged.
    ///   - script: another evaluation script speaking the same protocol (default: the bundled one).
    public init(
        ruby: String = "ruby", timeout: Duration = .seconds(30), logger: Logger = ReleaseTarball.quietLogger,
        script: String? = nil
    ) {
        self.ruby = ruby
        self.timeout = timeout
        self.logger = logger
        self.script = script
    }

    /// The path of the bundled evaluation context script.
    public static var scriptPath: String? {
        Bundle.module.url(forResource: "boshkit_render", withExtension: "rb", subdirectory: "Resources")?.path
    }

    /// Renders the jobs of one instance: each job's monit file and templates with its properties and links,
    /// plus the `.bosh/links.json` file the director adds.
    /// - Parameters:
    ///   - jobs: the instance group's jobs, in order.
    ///   - instance: the instance (`spec`).
    /// - Returns: the rendered jobs, in order.
    /// - Throws: every template error of the batch together, or one error when `ruby` cannot run.
    public func render(_ jobs: [JobRenderInput], for instance: RenderInstance) async throws(RenderFailure)
        -> RenderedInstance
    {
        let group = instance.instanceGroup
        func fail(_ error: RenderError) -> RenderFailure { RenderFailure(instanceGroup: group, errors: [error]) }
        let request: [UInt8]
        do { request = try makeRequest(jobs, instance: instance) } catch { throw fail(error) }
        guard let script = script ?? Self.scriptPath else {
            throw fail(RenderError(.ruby, "the evaluation context script is missing from the ReleaseSpec bundle"))
        }
        logger.debug(
            "rendering templates",
            metadata: ["instance": "\(group)/\(instance.index)", "jobs": "\(jobs.map(\.name).joined(separator: ","))"])
        let output: ChildProcess.Output
        do {
            output = try await RubyProcess(ruby: ruby, arguments: [script]).run(
                input: request, deadline: timeout + killGrace)
        } catch is CancellationError {
            throw fail(RenderError(.ruby, "rendering was cancelled and '\(ruby)' was stopped"))
        } catch {
            throw fail(RenderError(.ruby, "cannot run '\(ruby)': \(error)"))
        }
        if output.timedOut { throw fail(Self.killedError(Array(output.standardError), timeout: timeout)) }
        let response: BatchResponse
        do {
            response = try BatchResponse(json: Array(output.standardOutput))
        } catch {
            let stderr = String(decoding: output.standardError, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let ended: String
            switch output.termination {
            case .exited(let status): ended = "exited with status \(status)"
            case .signalled(let signal): ended = "was killed by signal \(signal)"
            }
            throw fail(RenderError(.ruby, "ruby \(ended): \(stderr)"))
        }
        return try assemble(response, jobs: jobs, group: group)
    }

    private func makeRequest(_ jobs: [JobRenderInput], instance: RenderInstance) throws(RenderError) -> [UInt8] {
        var jobValues: [RenderValue] = []
        for input in jobs {
            var templates: [RenderValue] = []
            let sources =
                [("monit", "monit", input.job.files["monit"])]
                + input.job.spec.templates.map { ($0.source, $0.destination, input.job.templateSource($0)) }
            for (source, destination, bytes) in sources {
                guard let bytes else {
                    throw RenderError(
                        .missingTemplate, "the job archive has no file for template '\(source)'", job: input.name,
                        template: source)
                }
                templates.append([
                    "source": .string(source), "destination": .string(destination),
                    "content": .string(Data(bytes).base64EncodedString()),
                ])
            }
            let spec = instance.templateSpec(
                job: input.name, jobs: jobs, release: (input.releaseName, input.releaseVersion),
                properties: input.properties, links: input.links)
            let provided: [RenderValue] = input.providedLinks.map {
                ["name": .string($0.name), "type": .string($0.type), "group": .string($0.group)]
            }
            jobValues.append([
                "name": .string(input.name), "spec": spec, "templates": .array(templates),
                "provided_links": .array(provided),
            ])
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let request: RenderValue = [
            "timeout": .number(String(seconds)), "dns": instance.dns.value, "jobs": .array(jobValues),
        ]
        return Array(request.jsonText.utf8)
    }

    private func assemble(_ response: BatchResponse, jobs: [JobRenderInput], group: String) throws(RenderFailure)
        -> RenderedInstance
    {
        var errors: [RenderError] = []
        var rendered: [RenderedJob] = []
        for (input, job) in zip(jobs, response.jobs) {
            if let error = job.error {
                errors.append(error)
                continue
            }
            var monit: [UInt8] = []
            var files: [RenderedFile] = []
            for file in job.files {
                switch file.result {
                case .failure(let error):
                    errors.append(error.forJob(input.name))
                case .success(let contents) where file.source == "monit":
                    monit = contents
                case .success(let contents):
                    files.append(RenderedFile(source: file.source, destination: file.destination, contents: contents))
                }
            }
            files.append(
                RenderedFile(source: ".bosh/links.json", destination: ".bosh/links.json", contents: input.linksFile))
            rendered.append(RenderedJob(name: input.name, monit: monit, files: files))
        }
        if !errors.isEmpty {
            logger.debug("rendering failed", metadata: ["errors": "\(errors.count)"])
            throw RenderFailure(instanceGroup: group, errors: errors)
        }
        return RenderedInstance(jobs: rendered)
    }

    /// The error for a batch the deadline killed: the last template the script announced on stderr.
    private static func killedError(_ stderr: [UInt8], timeout: Duration) -> RenderError {
        let last = String(decoding: stderr, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("render ") }
        let name = last.map { String($0.dropFirst("render ".count)) } ?? ""
        let slash = name.firstIndex(of: "/")
        let message = "rendering took longer than \(timeout) and was stopped"
        guard let slash else { return RenderError(.timeout, message) }
        return RenderError(
            .timeout, message, job: String(name[..<slash]), template: String(name[name.index(after: slash)...]))
    }
}
