import BoshYAML
import Foundation
import ReleaseSpec
import Testing

/// Every job of every readable corpus release rendered with a small manifest, compared with what the
/// director's own evaluation context renders (recorded in `Fixtures/rendering/`; see its README).
///
/// Set `BOSHKIT_RECORD_RENDERER` to the recording harness script to re-record the fixtures.
@Suite struct CorpusRenderingTests {
    static let releases = [
        "bosh-release-0+dev.1.tgz", "dummy-release.tgz", "dummy2-release.tgz",
        "release-hello-go-50-on-toronto-os-stemcell-1.tgz", "release-test_release-1-on-centos-7-stemcell-3001.tgz",
        "simple-link-release-v1.0.tgz", "simple-link-release-v2.0.tgz", "test_release.tgz",
        "unsorted-release-0+dev.1.tgz", "valid_release.tgz",
    ]

    static func manifest(for release: Release) throws -> YAMLNode {
        let jobs = release.jobs.map { "  - {name: \($0.record.name), release: \(release.manifest.name)}" }
        let yaml = """
            name: corpus
            releases: [{name: \(release.manifest.name), version: latest}]
            properties:
              test_property: corpus-value
              drain_type: static
              network_name: default
              foo: global-foo
            instance_groups:
            - name: corpus_ig
              instances: 2
              azs: [z1, z2]
              persistent_disk: 2048
              networks: [{name: default, static_ips: [10.0.0.10, 10.0.0.11]}]
              properties: {foo: group-foo}
              jobs:
            \(jobs.joined(separator: "\n"))
            """
        let tree = try YAMLParser.parse(yaml, file: "corpus.yml")
        return YAMLNode(tree: tree, id: tree.root!)
    }

    /// A two-instance link for every link a job consumes.
    static func links(for release: Release) -> [String: [String: RenderLink]] {
        var links: [String: [String: RenderLink]] = [:]
        for job in release.jobs {
            for consumed in job.spec.consumes {
                links[job.record.name, default: [:]][consumed.name] = RenderLink(
                    instances: [
                        RenderLinkInstance(
                            name: "provider", id: "p-0", index: 0, az: "z1", address: "10.0.1.2", bootstrap: true),
                        RenderLinkInstance(name: "provider", id: "p-1", index: 1, az: "z2", address: "10.0.1.3"),
                    ], properties: ["foo": "link-foo"], address: "q-s0.provider.default.corpus.bosh",
                    instanceGroup: "provider", deploymentName: "corpus", defaultNetwork: "default", domain: "bosh")
            }
        }
        return links
    }

    static func transcript(_ name: String) async throws -> String {
        let release = try ReleaseTarball.read(at: Fixtures.release(name))
        let plan = try ManifestRenderPlan(
            manifest: manifest(for: release), release: release, instanceGroup: "corpus_ig", index: 1,
            links: links(for: release))
        let recorder = ProcessInfo.processInfo.environment["BOSHKIT_RECORD_RENDERER"]
        // The recording harness writes the director's configuration hash here, named after release and jobs.
        let hashDirectory = FileManager.default.temporaryDirectory.path
        if recorder != nil { setenv("RECORD_HASH_DIR", hashDirectory, 1) }
        let renderer = JobRenderer(script: recorder)
        var out = "# \(name): every job rendered for corpus_ig/1\n"
        var jobs = plan.jobs
        do {
            _ = try await renderer.render(jobs, for: plan.instance)
        } catch {
            // Recording, the failure is the director's own text (the harness writes it beside the hash).
            let errorFile =
                hashDirectory + "/\(release.manifest.name)-\(release.manifest.version)-\(jobs.count)-\(jobs[0].name).error"
            let text = recorder != nil ? try String(contentsOfFile: errorFile, encoding: .utf8) : error.description
            out += "!!! failure\n\(text)\n"
            let failed = Set(error.errors.compactMap(\.job))
            jobs.removeAll { failed.contains($0.name) }
        }
        if jobs.isEmpty { return out }
        let rendered = try await renderer.render(jobs, for: plan.instance)
        for job in rendered.jobs {
            out += "==> \(job.name)/monit <==\n\(String(decoding: job.monit, as: UTF8.self))\n<== end\n"
            for file in job.files {
                out += "==> \(job.name)/\(file.destination) <==\n\(file.text)\n<== end\n"
            }
        }
        let hashFile =
            hashDirectory + "/\(release.manifest.name)-\(release.manifest.version)-"
            + "\(jobs.count)-\(jobs[0].name)"
        let hash =
            recorder != nil ? (try String(contentsOfFile: hashFile, encoding: .utf8)) : rendered.configurationHash
        return out + "configuration_hash: \(hash)\n"
    }

    @Test(arguments: releases) func rendersLikeTheDirector(_ name: String) async throws {
        let text = try await Self.transcript(name)
        let fixture = Fixtures.root.appendingPathComponent("rendering/\(name).txt")
        if ProcessInfo.processInfo.environment["BOSHKIT_RECORD_RENDERER"] != nil {
            try text.write(to: fixture, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: fixture, encoding: .utf8)
        if text != expected, let dump = ProcessInfo.processInfo.environment["BOSHKIT_RENDER_DUMP"] {
            try text.write(toFile: dump + "/" + name + ".txt", atomically: true, encoding: .utf8)
        }
        #expect(text == expected)
    }
}
