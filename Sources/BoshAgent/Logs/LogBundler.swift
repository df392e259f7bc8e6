import AgentProtocol
import Foundation

/// Packs a VM's logs for `fetch_logs`, as bosh-agent does: `job` logs from `var/vcap/sys/log`, `agent` logs
/// from `var/vcap/bosh/log` (and the local VM's `agent.log`) at the archive's root, `system` logs from `var/log`
/// under `var/log/`; only files matching the filters (`**/*` when none; a filter naming a directory means
/// everything under it) are taken.
struct LogBundler: Sendable {
    let layout: AgentLayout

    /// Writes the tarball of the logs of `type` to a new file and returns it.
    /// - Throws: ``AgentFailure`` `Invalid log type` for a type other than `job`, `agent`, `system` or a comma list
    ///   of them; a failure to copy or pack.
    func bundle(_ type: LogType, filters: [String]?) async throws -> URL {
        guard let kinds = type.kinds else { throw AgentFailure("Invalid log type") }
        let staging = try layout.makeStagingDirectory("logs")
        defer { try? FileManager.default.removeItem(at: staging) }
        let patterns = (filters?.isEmpty == false ? filters! : ["**/*"]).map(GlobPattern.init)
        for kind in kinds {
            switch kind {
            case .job: try copy(from: layout.sysLog, to: staging, matching: patterns)
            case .agent:
                try copy(from: layout.bosh.appendingPathComponent("log"), to: staging, matching: patterns)
                let own = layout.root.appendingPathComponent("agent.log")
                if FileManager.default.fileExists(atPath: own.path) {
                    try copyFile(own, to: staging.appendingPathComponent("agent.log"))
                }
            default:
                try copy(
                    from: layout.root.appendingPathComponent("var/log"), to: staging.appendingPathComponent("var/log"),
                    matching: patterns)
            }
        }
        let archive = layout.temporary.appendingPathComponent("logs-\(UUID().uuidString.lowercased()).tgz")
        do {
            try await Tarball.create(archive, from: staging, what: "logs")
        } catch {
            try? FileManager.default.removeItem(at: archive)
            throw AgentFailure("Making logs tarball: \(error)")
        }
        return archive
    }

    private func copy(from source: URL, to destination: URL, matching patterns: [GlobPattern]) throws {
        guard let walker = FileManager.default.enumerator(atPath: source.path) else { return }
        while let relative = walker.nextObject() as? String {
            let file = source.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                patterns.contains(where: { $0.matches(relative) })
            else { continue }
            try copyFile(file, to: destination.appendingPathComponent(relative))
        }
    }

    private func copyFile(_ file: URL, to target: URL) throws {
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: file, to: target)
        } catch {
            throw AgentFailure("Copying filtered files to temp directory: \(error.localizedDescription)")
        }
    }
}

/// A log filter: `*` within a path component, `**` across them, `?` one character; a pattern without a
/// wildcard also matches everything under it (a directory).
struct GlobPattern {
    private let regex: Regex<AnyRegexOutput>?
    private let directory: String?

    init(_ pattern: String) {
        var expression = "^"
        var characters = Array(pattern)
        if characters.first == "/" { characters.removeFirst() }
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "*", i + 1 < characters.count, characters[i + 1] == "*" {
                if i + 2 < characters.count, characters[i + 2] == "/" {
                    expression += "(?:.*/)?"
                    i += 3
                } else {
                    expression += ".*"
                    i += 2
                }
                continue
            }
            switch c {
            case "*": expression += "[^/]*"
            case "?": expression += "[^/]"
            default: expression += NSRegularExpression.escapedPattern(for: String(c))
            }
            i += 1
        }
        regex = try? Regex(expression + "$")
        let plain = String(characters)
        directory = plain.contains(where: { "*?[".contains($0) }) ? nil : plain.hasSuffix("/") ? plain : plain + "/"
    }

    func matches(_ path: String) -> Bool {
        if let directory, path.hasPrefix(directory) { return true }
        guard let regex else { return false }
        return (try? regex.wholeMatch(in: path)) != nil
    }
}
