import BoshProcess
import Foundation

/// Runs one `ruby` process through ``ChildProcess``: the request goes to its stdin, stdout and stderr are
/// collected, and its whole process group is killed when it outlives the deadline (so a template's background
/// child holding the output pipes open cannot keep the render waiting). A `ruby` that exits without reading
/// its input (a missing interpreter) ends as an exit status, never as `SIGPIPE` in this process.
struct RubyProcess: Sendable {
    /// The ruby executable (a path, or a name looked up on `PATH` by `/usr/bin/env`).
    var ruby: String
    /// The script and its arguments.
    var arguments: [String]

    /// Runs ruby with `input` on stdin; throws ``ChildProcess/SpawnError`` when it cannot be started and
    /// `CancellationError` when the task is cancelled (the process group is killed then).
    func run(input: [UInt8], deadline: Duration) async throws -> ChildProcess.Output {
        let usesPath = !ruby.contains("/")
        let spec = ChildProcess.Spec(
            executable: usesPath ? "/usr/bin/env" : ruby, arguments: usesPath ? [ruby] + arguments : arguments,
            environment: ProcessInfo.processInfo.environment, input: Data(input), timeout: deadline,
            maximumOutput: .max)
        return try await ChildProcess.run(spec)
    }
}
