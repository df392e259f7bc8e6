import ArgumentParser
import BoshDirector
import BoshYAML
import Foundation
import ReleaseSpec
import Scheduler

/// `boshkit render`: render every job of one instance of a manifest's instance group, as the director
/// renders it before a deploy: placement and links from the Scheduler, templates by the director's rules.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an instance's job templates (ERB) as the director renders them (needs `ruby`).",
        discussion: """
            Every job of the instance group is rendered, with links resolved from the whole manifest; --job only \
            chooses which jobs' files are printed or written. The configuration hash covers the instance.
            """
    )

    @Argument(help: "The release tarballs (.tgz) the group's jobs, and the jobs providing their links, come from.")
    var releases: [String]

    @Option(help: "The deployment manifest.")
    var manifest: String

    @Option(name: [.short, .customLong("ops-file")], help: "Apply an ops file to the manifest (repeatable, in order).")
    var opsFiles: [String] = []

    @OptionGroup var variables: VariableFlags

    @Option(name: .customLong("cloud-config"), help: "The cloud config (default: a stand-in made from the manifest's names).")
    var cloudConfig: String?

    @Option(name: .customLong("instance-group"), help: "The instance group.")
    var instanceGroup: String

    @Option(help: "The instance index.")
    var index = 0

    @Option(name: .customLong("job"), help: "Print or write only this job's files (repeatable; all are rendered).")
    var jobs: [String] = []

    @Option(help: "The instance id (spec.id; default: a stand-in derived from the names).")
    var id: String?

    @Option(help: "The instance's AZ (spec.az).")
    var az: String?

    @Option(name: .customLong("ip"), help: "The instance's IP on a network (NETWORK=IP, repeatable).")
    var ips: [String] = []

    @Option(help: "The instance's address (spec.address).")
    var address: String?

    @Flag(help: "Print the spec each job sees, its rendered files and the hashes as JSON.")
    var json = false

    @Option(help: "Write the rendered files under this directory (<dir>/<job>/<path>) instead of printing them.")
    var output: String?

    func run() async throws {
        var overrides = RenderInstanceOverrides(id: id, az: az, address: address)
        for argument in ips {
            guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
                throw ValidationError("--ip expects NETWORK=IP, got '\(argument)'")
            }
            overrides.ips[String(argument[..<eq])] = String(argument[argument.index(after: eq)...])
        }
        let input = try ManifestInput.interpolated(manifest, opsFiles: opsFiles, variables: variables)
        let cloud = try cloudConfig.map { try ManifestInput.interpolated($0, variables: variables).tree }
        let plan = try CLIFailure.reporting {
            guard let root = input.tree.root else { throw CLIFailure("\(manifest): the manifest is empty") }
            let uploaded = try ManifestRenderPlan.asUploaded(YAMLNode(tree: input.tree, id: root))
            let releases = try releases.map { try ReleaseTarball.read(at: $0) }
            do {
                return try InstanceRenderPlanner.plan(
                    manifest: uploaded, cloudConfig: cloud, releases: releases, instanceGroup: instanceGroup,
                    index: index, overrides: overrides)
            } catch let error as SchedulerError {
                let file = error.document == "cloud-config" ? (cloudConfig ?? "stand-in cloud config") : input.label
                throw CLIFailure("\(file): \(error.path): \(error.message)")
            }
        }
        if let unknown = jobs.first(where: { name in !plan.jobs.contains { $0.name == name } }) {
            throw CLIFailure("instance group '\(instanceGroup)' has no job '\(unknown)'")
        }
        let rendered: RenderedInstance
        do {
            rendered = try await JobRenderer().render(plan.jobs, for: plan.instance)
        } catch {
            throw CLIFailure(error.description)
        }
        let shown = rendered.jobs.filter { jobs.isEmpty || jobs.contains($0.name) }
        if json {
            FileHandle.standardOutput.write(Data((RenderReport.json(plan: plan, rendered: rendered, jobs: shown) + "\n").utf8))
            return
        }
        var files: [(String, [UInt8])] = []
        for job in shown {
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
