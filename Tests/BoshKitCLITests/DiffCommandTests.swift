import Foundation
import Testing

/// `boshkit diff`: output, exit statuses (0 same, 1 different, 2 error) and error text.
@Suite struct DiffCommandTests {
    static let fixtures = "Tests/ManifestModelTests/Fixtures/director-diff"

    static func expected(_ path: String) throws -> String {
        try String(
            contentsOf: BoshKitProcess.repositoryRoot.appendingPathComponent("\(fixtures)/\(path)"), encoding: .utf8)
    }

    /// Runs `boshkit diff OLD NEW ARGS…` on a recorded pair.
    static func diff(_ pair: String, _ arguments: String...) async throws -> BoshKitProcess.Result {
        try await BoshKitProcess.run(["diff", "\(fixtures)/\(pair)/old.yml", "\(fixtures)/\(pair)/new.yml"] + arguments)
    }

    @Test func printsTheRedactedDiffAndExitsOne() async throws {
        let result = try await Self.diff("properties-redaction-nested")
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == (try Self.expected("properties-redaction-nested/expected.redacted.txt")))
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func noRedactShowsTheValues() async throws {
        let result = try await Self.diff("bosh-and-env-redaction", "--no-redact")
        #expect(result.status == 1)
        #expect(result.stdout == (try Self.expected("bosh-and-env-redaction/expected.unredacted.txt")))
    }

    @Test func identicalFilesExitZeroAndPrintNothing() async throws {
        let result = try await Self.diff("identical-no-diff")
        #expect(result.status == 0)
        #expect(result.stdout == "")
    }

    @Test func jsonListsTheDirectorsPairs() async throws {
        let result = try await Self.diff("variables-changes", "--json")
        #expect(result.status == 1)
        #expect(result.stdout == (try BoshKitProcess.snapshot("diff-variables-changes.json")))
    }

    @Test func documentsOfDifferentKindsExitTwo() async throws {
        let cloud = "\(Self.fixtures)/cloud-config/old.yml"
        let manifest = "\(Self.fixtures)/key-removed/new.yml"
        let result = try await BoshKitProcess.run(["diff", cloud, manifest])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "\(manifest):1:1: 'name' makes this a deployment manifest, but \(cloud):1:1 'azs' makes that a cloud config; diff two documents of the same kind\n"
        )
    }

    @Test func malformedYAMLAndMissingFilesExitTwo() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yml")
        try "name: x\nupdate: [1\n".write(to: bad, atomically: true, encoding: .utf8)
        let list = dir.appendingPathComponent("list.yml")
        try "- a\n".write(to: list, atomically: true, encoding: .utf8)
        let malformed = try await BoshKitProcess.run(["diff", bad.path, bad.path])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.hasPrefix("\(bad.path):"))
        let missing = try await BoshKitProcess.run(["diff", "no/such.yml", bad.path])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Opening file no/such.yml: open no/such.yml: no such file or directory\n")
        let notAMap = try await BoshKitProcess.run(["diff", list.path, list.path])
        #expect(notAMap.status == 2)
        #expect(notAMap.stderr == "\(list.path):1:1: the document is a list, expected a map\n")
    }

    @Test func emptyOldFileIsAFirstDeploy() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.yml")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let pair = "\(Self.fixtures)/first-deploy"
        let result = try await BoshKitProcess.run(["diff", empty.path, "\(pair)/new.yml"])
        #expect(result.status == 1)
        #expect(result.stdout == (try Self.expected("first-deploy/expected.redacted.txt")))
    }

    @Test func helpText() async throws {
        let result = try await BoshKitProcess.run(["diff", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == (try BoshKitProcess.snapshot("diff-help.txt")))
    }
}
