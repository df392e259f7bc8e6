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
            process.terminationHandler = { _ in
                continuation.yield()
                continuation.finish()
            }
        }
        try process.run()
        let pid = process.processIdentifier
        // Blocking pipe I/O runs on Dispatch threads, never on the (small) cooperative pool.
        let writer = Self.onThread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
            try? stdin.fileHandleForWriting.close()
            return [UInt8]()
        }
        let outReader = Self.onThread { [UInt8](stdout.fileHandleForReading.readDataToEndOfFile()) }
        let errReader = Self.onThread { [UInt8](stderr.fileHandleForReading.readDataToEndOfFile()) }
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
        _ = await writer.value()
        let out = await outReader.value()
        let err = await errReader.value()
        return Output(stdout: out, stderr: err, status: process.terminationStatus, timedOut: state.timedOut)
    }
}

extension RubyProcess {
    /// Starts `body` on a Dispatch thread; `value()` waits for its result without blocking a thread.
    fileprivate static func onThread(_ body: @escaping @Sendable () -> [UInt8]) -> ThreadResult {
        let result = ThreadResult()
        DispatchQueue.global().async { result.set(body()) }
        return result
    }
}

/// The result of work running on a Dispatch thread.
private final class ThreadResult: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8]?
    private var waiter: CheckedContinuation<[UInt8], Never>?

    func set(_ value: [UInt8]) {
        let waiting: CheckedContinuation<[UInt8], Never>? = lock.withLock {
            bytes = value
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: value)
    }

    func value() async -> [UInt8] {
        await withCheckedContinuation { continuation in
            let ready: [UInt8]? = lock.withLock {
                if bytes == nil { waiter = continuation }
                return bytes
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Whether the deadline fired, shared between the killer task and the caller.
private final class ProcessState: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false

    func markTimedOut() { lock.withLock { fired = true } }
    var timedOut: Bool { lock.withLock { fired } }
}
