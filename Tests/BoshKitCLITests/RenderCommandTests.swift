import Foundation
import Testing

/// `boshkit render`: the rendered files as a golden file, and the director's error text for a missing link.
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
