import ArgumentParser
import BoshYAML
import Foundation
import ManifestModel

/// `boshkit diff`: what `bosh deploy` would show between two manifests (or configs).
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the BOSH director's diff between two manifests or configs.",
        discussion: """
            Prints the lines `bosh deploy` shows before it asks to continue, with values under `properties` \
            and `bosh` redacted. An empty OLD file stands for a first deploy. Exits 0 when there is no \
            difference, 1 when there is one, 2 on error.
            """
    )

    @Argument(help: "The deployed manifest or config (an empty file for a first deploy).")
    var old: String

    @Argument(help: "The new manifest or config.")
    var new: String

    @Flag(name: .customLong("no-redact"), help: "Show secret values instead of <redacted>.")
    var noRedact = false

    @Flag(help: "Print the lines as JSON: [[text, \"added\"|\"removed\"|null], …], as the director returns them.")
    var json = false

    func run() async throws {
        let diff: ManifestDiff
        do {
            let before = try CLIInput.parseYAML(atPath: old)
            let after = try CLIInput.parseYAML(atPath: new)
            diff = try ManifestDiff(old: before, new: after, redact: !noRedact)
        } catch let failure as CLIFailure {
            throw CLIFailure(failure.description, status: 2)
        } catch {
            throw CLIFailure(String(describing: error), status: 2)
        }
        let text = json ? DiffJSON.encode(diff.lines) : diff.rendered(colour: !json && isatty(STDOUT_FILENO) == 1)
        FileHandle.standardOutput.write(Data(text.utf8))
        if diff.hasChanges { throw ExitCode(1) }
    }
}

/// The director's JSON shape for diff lines, one pair per line.
enum DiffJSON {
    static func encode(_ lines: [DiffLine]) -> String {
        var out = "[\n"
        for (i, line) in lines.enumerated() {
            let state: String
            switch line.state {
            case .added: state = "\"added\""
            case .removed: state = "\"removed\""
            case .unchanged: state = "null"
            }
            out += "  [\(quote(line.description)), \(state)]" + (i + 1 < lines.count ? ",\n" : "\n")
        }
        return out + "]\n"
    }

    private static func quote(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
