import Foundation

/// Gzip'd tar archives through `/bin/tar`, as bosh-agent does.
enum Tarball {
    /// Extracts `archive` into the existing, empty `directory` (owners not restored).
    static func extract(_ archive: URL, into directory: URL, what: String) async throws {
        try await tar(["-xzf", archive.path, "--no-same-owner", "-C", directory.path], what: "extract \(what)")
    }

    /// Writes the contents of `directory` (not the directory itself) to `archive`.
    static func create(_ archive: URL, from directory: URL, what: String) async throws {
        try await tar(["-czf", archive.path, "-C", directory.path, "."], what: "archive \(what)")
    }

    private static func tar(_ arguments: [String], what: String) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-tar-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let termination = try await Subprocess.run(
            ["/bin/tar"] + arguments, environment: Subprocess.environment(), output: log.path)
        guard termination.succeeded else {
            let output = Subprocess.lastLines(of: log.path, count: 5).joined(separator: "\n")
            throw AgentFailure("cannot \(what): /bin/tar ended with \(termination): \(output)")
        }
    }
}
