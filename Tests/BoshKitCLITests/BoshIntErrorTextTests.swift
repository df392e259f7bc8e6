import Foundation
import Testing

/// `boshkit int`'s error texts next to the real `bosh int` v7's, recorded in Fixtures/bosh-int-errors/recorded
/// (NAME.args, .stdout, .stderr, .status). What BoshKit keeps of each is decided in Documentation/Manifests.md:
/// variable errors are v7's bullets as they are; a file that cannot be read is bosh's message without the
/// flag parser's wrapper, on one line, with the path as typed; a located error keeps BoshKit's prefix before
/// bosh's message; `Exit code 1` and the blank stdout line are not printed.
@Suite struct BoshIntErrorTextTests {
    static let directory = BoshKitProcess.repositoryRoot.appendingPathComponent("Tests/BoshKitCLITests/Fixtures/bosh-int-errors")

    struct Recorded {
        var arguments: [String]
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func recorded(_ name: String) throws -> Recorded {
        func text(_ ext: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent("recorded/\(name).\(ext)"), encoding: .utf8)
        }
        return Recorded(
            arguments: try text("args").split(separator: "\n").map(String.init), stdout: try text("stdout"),
            stderr: try text("stderr"), status: Int32(try text("status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1)
    }

    /// bosh's message as BoshKit prints it: without `Exit code 1`, without go-flags' `invalid argument for flag
    /// … (expected …): ` wrapper, nested `A:\n  B` on one line, paths relative as typed (the recording ran in
    /// /tmp/bosh-int-errors, and bosh makes the manifest's and --var-file's paths absolute).
    static func boshKitForm(_ stderr: String) -> String {
        var text = stderr
        #expect(text.hasSuffix("Exit code 1\n"))
        text.removeLast("Exit code 1\n".count)
        if let wrapper = text.range(of: #"^invalid argument for flag `[^`]*' \(expected [^)]*\): "#, options: .regularExpression) {
            text.removeSubrange(wrapper)
        }
        text = text.replacingOccurrences(of: "/tmp/bosh-int-errors/", with: "")
        if !text.hasPrefix("- ") { text = text.replacingOccurrences(of: ":\n  ", with: ": ") }
        return text
    }

    func run(_ name: String) async throws -> (recorded: Recorded, boshkit: BoshKitProcess.Result) {
        let recorded = try Self.recorded(name)
        #expect(recorded.status == 1 && recorded.stdout == "\n", "the recording of \(name)")
        let result = try await BoshKitProcess.run(recorded.arguments, in: Self.directory)
        #expect(result.status == recorded.status)
        #expect(result.stdout == "", "\(name): no blank line on stdout")
        #expect(!result.stderr.contains("Exit code"), "\(name)")
        return (recorded, result)
    }

    @Test(arguments: ["var-errs", "var-errs-unused", "var-errs-both"])
    func variableErrorsAreV7Bullets(_ name: String) async throws {
        let (recorded, boshkit) = try await run(name)
        #expect(boshkit.stderr == Self.boshKitForm(recorded.stderr))
        #expect(boshkit.stderr.hasPrefix("- Expected to "))
    }

    @Test(arguments: ["missing-manifest", "missing-ops-file", "missing-vars-file", "missing-var-file"])
    func unreadableFilesSayWhatBoshSays(_ name: String) async throws {
        let (recorded, boshkit) = try await run(name)
        #expect(boshkit.stderr == Self.boshKitForm(recorded.stderr))
    }

    @Test func theIssuesExampleReadsAsBoshCLIs() async throws {
        let (_, boshkit) = try await run("missing-manifest")
        #expect(boshkit.stderr == "Opening file nope.yml: open nope.yml: no such file or directory\n")
    }

    /// A located error: BoshKit's prefix (file:line:column), then bosh's message.
    @Test func locatedErrorsKeepTheirPrefixBeforeBoshsMessage() async throws {
        let (recorded, boshkit) = try await run("variable-path")
        #expect(boshkit.stderr == "m.yml:3:4: " + Self.boshKitForm(recorded.stderr))
    }

    /// An ops file failure: BoshKit's prefix (file:line:column, operation index, type and path) stands where
    /// bosh-cli writes `Error 'operation [1] in ops-broken.yml failed': `; the message after it is the same.
    @Test func opsFailuresKeepTheirPrefixBeforeBoshsMessage() async throws {
        let (recorded, boshkit) = try await run("ops-error")
        let wrapper = "Error 'operation [1] in ops-broken.yml failed': "
        #expect(recorded.stderr.hasPrefix(wrapper))
        let message = String(Self.boshKitForm(recorded.stderr).dropFirst(wrapper.count))
        #expect(boshkit.stderr == "ops-broken.yml:4:3: operation [1] (remove /instance_groups/name=db): " + message)
    }

    @Test func aMapInsideAStringIsAtItsLine() async throws {
        let (recorded, boshkit) = try await run("map-in-string")
        #expect(boshkit.stderr == "in-string.yml:2:4: " + Self.boshKitForm(recorded.stderr))
    }

    @Test func aDirectoryAndAPipe() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inside = try await BoshKitProcess.run(["int", dir.lastPathComponent], in: dir.deletingLastPathComponent())
        #expect(inside.stderr == "Reading file content \(dir.lastPathComponent): read \(dir.lastPathComponent): is a directory\n")
        // A pipe, as `-o <(…)` gives.
        let piped = try await BoshKitProcess.run(["int", "/dev/stdin"], stdin: Data("a: 1\n".utf8))
        #expect(piped.status == 0 && piped.stdout == "a: 1\n", "\(piped.stderr)")
    }
}
