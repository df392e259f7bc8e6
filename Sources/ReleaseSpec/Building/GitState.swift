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

    /// Runs `git` with `arguments` in `directory`; `nil` when git cannot be started.
    private static func run(_ arguments: [String], in directory: String)
        -> (status: Int32, stdout: String, stderr: String)?
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Both pipes are drained before waiting, stderr on its own thread, so git never blocks on a full pipe.
        let errorReader = PipeReader(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = errorReader.wait()
        process.waitUntilExit()
        // `env` exits 127 when git is not installed.
        if process.terminationStatus == 127 { return nil }
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
