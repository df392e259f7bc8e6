import Foundation
import Testing

/// `boshkit render`: the rendered files as a golden file, links resolved from the whole manifest, the
/// director's refusal of a link nothing provides, ops files and variables, `--json` and the overrides.
@Suite struct RenderCommandTests {
    static let dummy = "Tests/ReleaseSpecTests/Fixtures/releases/dummy-release.tgz"
    static let links = "Tests/ReleaseSpecTests/Fixtures/releases/simple-link-release-v1.0.tgz"
    static let manifest = "Tests/BoshKitCLITests/Fixtures/render-manifest.yml"

    @Test func printsTheRenderedFiles() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.dummy, "--job", "dummy_with_properties", "--manifest", Self.manifest, "--instance-group",
            "dummy_ig", "--index", "1",
        ])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("render-dummy.txt")))
    }

    @Test func writesFilesUnderOutput() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await BoshKitProcess.run([
            "render", Self.dummy, "--job", "dummy_with_properties", "--manifest", Self.manifest, "--instance-group",
            "dummy_ig", "--output", dir.path,
        ])
        #expect(result.status == 0)
        #expect(
            FileManager.default.fileExists(
                atPath: dir.appendingPathComponent("dummy_with_properties/bin/dummy_with_properties_ctl").path))
        #expect(
            try String(
                contentsOf: dir.appendingPathComponent("dummy_with_properties/.bosh/links.json"), encoding: .utf8)
                == "[]\n")
    }

    static let linksManifest = "Tests/BoshKitCLITests/Fixtures/render-links-manifest.yml"

    /// The consumer's links come from the manifest's providers, placed by the Scheduler (stand-in cloud config).
    @Test func linksAreResolvedFromTheManifest() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.links, "--manifest", Self.linksManifest, "--instance-group", "api", "-v", "greeting=hi",
        ])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("render-links.txt")))
    }

    @Test func opsFilesAndVariablesApply() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.dummy, "--manifest", Self.manifest, "--instance-group", "dummy_ig",
            "-o", "Tests/BoshKitCLITests/Fixtures/render-echo-ops.yml", "-v", "echo=from-a-variable",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("echo 'from-a-variable'"))
    }

    /// `--json`: the spec each job saw, its files and hashes; `--id`, `--az`, `--ip` and `--address` replace
    /// the plan's values.
    @Test func jsonReportWithOverrides() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.links, "--manifest", Self.linksManifest, "--instance-group", "api", "--json",
            "--id", "0a0a0a0a-0000-4000-8000-000000000001", "--az", "z9", "--ip", "default=10.244.0.50",
            "--address", "api.example",
        ])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let jobs = try #require(report["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["name"] as? String } == ["api_server"])
        let spec = try #require(jobs[0]["spec"] as? [String: Any])
        #expect(spec["id"] as? String == "0a0a0a0a-0000-4000-8000-000000000001")
        #expect(spec["az"] as? String == "z9")
        #expect(spec["address"] as? String == "api.example")
        let network = try #require((spec["networks"] as? [String: Any])?["default"] as? [String: Any])
        #expect(network["ip"] as? String == "10.244.0.50" && network["prefix"] as? String == "32")
        let files = try #require(jobs[0]["files"] as? [[String: Any]])
        #expect(files.map { $0["destination"] as? String } == ["monit", "config.yml", ".bosh/links.json"])
        #expect((report["configuration_hash"] as? String)?.count == 40)
    }

    @Test func missingLinkIsTheDirectorsError() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.links, "--job", "api_server", "--manifest", Self.manifest, "--instance-group", "api",
        ])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == (try BoshKitProcess.snapshot("render-missing-link.txt")))
    }

    @Test func unknownInstanceGroup() async throws {
        let result = try await BoshKitProcess.run([
            "render", Self.dummy, "--job", "dummy_with_properties", "--manifest", Self.manifest, "--instance-group",
            "nope",
        ])
        #expect(result.status == 1)
        #expect(result.stderr == "the manifest has no instance group 'nope'\n")
    }
}
