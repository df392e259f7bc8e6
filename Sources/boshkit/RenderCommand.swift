import ArgumentParser
import BoshYAML
import Foundation
import ReleaseSpec

/// `boshkit render`: render a release job's templates for one instance of a manifest's instance group.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a job's templates (ERB) for one instance, as the director renders them (needs `ruby`)."
    )

    @Argument(help: "Path to the release tarball (.tgz).")
    var release: String

    @Option(help: "The job to render.")
    var job: String

    @Option(help: "The deployment manifest (already interpolated).")
    var manifest: String

    @Option(name: .customLong("instance-group"), help: "The instance group that runs the job.")
    var instanceGroup: String

    @Option(help: "The instance index.")
    var index = 0

    @Option(help: "Write the rendered files under this directory (<dir>/<job>/<path>) instead of printing them.")
    var output: String?

    func run() async throws {
        let tree = try CLIInput.parseYAML(atPath: manifest)
        let plan = try CLIFailure.reporting {
            guard let root = tree.root else { throw CLIFailure("\(manifest): the manifest is empty") }
            let release = try ReleaseTarball.read(at: release)
            return try ManifestRenderPlan(
                manifest: YAMLNode(tree: tree, id: root), release: release, instanceGroup: instanceGroup,
                jobNames: [job], index: index)
        }
        let rendered: RenderedInstance
        do {
            rendered = try await JobRenderer().render(plan.jobs, for: plan.instance)
        } catch {
            throw CLIFailure(error.description)
        }
        var files: [(String, [UInt8])] = []
        for job in rendered.jobs {
            files.append(("\(job.name)/monit", job.monit))
            files += job.files.map { ("\(job.name)/\($0.destination)", $0.contents) }
        }
        if let output {
            for (path, bytes) in files {
                let url = URL(fileURLWithPath: output).appendingPathComponent(path)
                try CLIFailure.reporting {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url)
                }
            }
        } else {
            for (path, bytes) in files {
                var text = String(decoding: bytes, as: UTF8.self)
                if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
                FileHandle.standardOutput.write(Data("==> \(path) <==\n\(text)".utf8))
            }
        }
        FileHandle.standardOutput.write(Data("configuration_hash: \(rendered.configurationHash)\n".utf8))
    }
}
