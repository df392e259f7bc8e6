import Foundation

/// Runs one `ruby` process: writes the request to its stdin, collects stdout and stderr, and kills it when
/// it outlives the deadline.
struct RubyProcess: Sendable {
    struct Output: Sendable {
        var stdout: [UInt8]
        var stderr: [UInt8]
        var status: Int32
        var timedOut: Bool
    }

    /// The ruby executable (a path, or a name looked up on `PATH`).
    var ruby: String
    /// The script and its arguments.
    var arguments: [String]

    func run(input: [UInt8], deadline: Duration) async throws -> Output {
        let process = Process()
        if ruby.contains("/") {
            process.executableURL = URL(fileURLWithPath: ruby)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [ruby] + arguments
        }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let state = ProcessState()
        let exited = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in continuation.yield(); continuation.finish() }
        }
        try process.run()
        let pid = process.processIdentifier
        let writer = Task.detached {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        let outReader = Task.detached { [UInt8](stdout.fileHandleForReading.readDataToEndOfFile()) }
        let errReader = Task.detached { [UInt8](stderr.fileHandleForReading.readDataToEndOfFile()) }
        let killer = Task {
            try await Task.sleep(for: deadline)
            state.markTimedOut()
            kill(pid, SIGKILL)
        }
        await withTaskCancellationHandler {
            for await _ in exited {}
        } onCancel: {
            kill(pid, SIGKILL)
        }
        killer.cancel()
        _ = await writer.value
        let out = await outReader.value
        let err = await errReader.value
        return Output(stdout: out, stderr: err, status: process.terminationStatus, timedOut: state.timedOut)
    }
}

/// Whether the deadline fired, shared between the killer task and the caller.
private final class ProcessState: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false

    func markTimedOut() { lock.withLock { fired = true } }
    var timedOut: Bool { lock.withLock { fired } }
}
