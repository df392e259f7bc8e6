import BoshKitTestSupport
import Foundation

/// Runs the built `boshkit` executable and captures what it prints.
struct BoshKitProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The directory holding the built products (next to the test bundle).
    static var productsDirectory: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("boshkit").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// The repository root (where `Examples/` lives).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `boshkit` on a thread of its own (waiting for a process must not hold a cooperative-pool thread
    /// that the package's networking tests need meanwhile).
    static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) async throws -> Result {
        try await offCooperativePool { try runBlocking(arguments, stdin: stdin, in: directory) }
    }

    /// Runs `boshkit` and waits on the calling thread (for code already off the cooperative pool).
    static func runBlocking(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> Result {
        try runBlocking(executable: productsDirectory.appendingPathComponent("boshkit"), arguments, stdin: stdin, in: directory)
    }

    /// Runs another tool (`/bin/tar`…) and returns what it printed; throws when it fails.
    static func runBlockingTool(_ path: String, _ arguments: [String], stdin: Data? = nil) throws -> String {
        let result = try runBlocking(executable: URL(fileURLWithPath: path), arguments, stdin: stdin)
        guard result.status == 0 else { throw TestError("\(path) \(arguments) ended \(result.status): \(result.stderr)") }
        return result.stdout
    }

    private static func runBlocking(executable: URL, _ arguments: [String], stdin: Data?, in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Written beside the reads: a tool that prints while it reads must not block on a full pipe.
        let writer = input.fileHandleForWriting
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let stdin { writer.write(stdin) }
            try? writer.close()
            written.signal()
        }
        defer { written.wait() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus)
    }

    /// The golden file's text (`Tests/BoshKitCLITests/Snapshots/NAME`).
    static func snapshot(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}
