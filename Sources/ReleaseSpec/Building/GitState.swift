import BoshProcess
import Foundation

/// The `commit_hash` and `uncommitted_changes` a release records, found as bosh-cli finds them: `git rev-parse
/// --short HEAD` and `git status --porcelain=1` in the release directory; `non-git` (and no changes) when
/// the directory is not in a git work tree or git is not installed, `empty` when the repository has no commit.
struct GitState: Sendable {
    var commitHash: String
    var uncommittedChanges: Bool

    static func of(directory: String) -> GitState {
        guard let head = run(["rev-parse", "--short", "HEAD"], in: directory) else {
            return GitState(commitHash: "non-git", uncommittedChanges: false)
        }
        guard head.status == 0 else {
            let insideWorkTree = run(["rev-parse", "--git-dir"], in: directory)?.status == 0
            let empty = insideWorkTree && head.stderr.contains("Needed a single revision")
            return GitState(commitHash: empty ? "empty" : "non-git", uncommittedChanges: false)
        }
        let status = run(["status", "--porcelain=1"], in: directory)
        let dirty = status.map { $0.status == 0 && !$0.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return GitState(
            commitHash: head.stdout.trimmingCharacters(in: .whitespacesAndNewlines), uncommittedChanges: dirty ?? false)
    }

    /// Runs `git` with `arguments` in `directory`; `nil` when git cannot be started (or did not finish in a
    /// minute).
    private static func run(_ arguments: [String], in directory: String)
        -> (status: Int32, stdout: String, stderr: String)?
    {
        let spec = ChildProcess.Spec(
            executable: "/usr/bin/env", arguments: ["git"] + arguments,
            environment: ProcessInfo.processInfo.environment, workingDirectory: directory, timeout: .seconds(60))
        guard let output = try? ChildProcess.runSynchronously(spec), !output.timedOut,
            case .exited(let status) = output.termination,
            status != 127  // `env` exits 127 when git is not installed.
        else { return nil }
        return (
            status, String(decoding: output.standardOutput, as: UTF8.self),
            String(decoding: output.standardError, as: UTF8.self)
        )
    }
}
