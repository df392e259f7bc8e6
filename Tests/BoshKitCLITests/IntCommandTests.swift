import Foundation
import Testing

/// `boshkit int`: golden-file tests of what it prints and of its errors.
@Suite struct IntCommandTests {
    @Test func printsTheExampleManifestLikeBoshInt() async throws {
        let result = try await BoshKitProcess.run(["int", "Examples/hello/manifest.yml"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try BoshKitProcess.snapshot("int-hello.txt")))
    }

    @Test func malformedYAMLSaysWhereAndWhy() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yml")
        try "name: x\ninstance_groups:\n\t- name: web\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try await BoshKitProcess.run(["int", bad.path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "\(bad.path):3:1: found a tab character where indentation or a token was expected (YAML indents with spaces only)\n")
    }

    @Test func missingFile() async throws {
        let result = try await BoshKitProcess.run(["int", "no/such.yml"])
        #expect(result.status == 1)
        #expect(result.stderr == "cannot read 'no/such.yml': no such file or not readable\n")
    }

    @Test func helpText() async throws {
        let result = try await BoshKitProcess.run(["int", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("int-help.txt")))
    }
}
