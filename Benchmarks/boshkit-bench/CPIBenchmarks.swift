import CPIProtocol
import Foundation
import Logging

/// `cpi_roundtrip`: spawn `boshkit local-cpi`, call `info`, read the response, through ``CPIClient``.
///
/// Extra figures on the row: `spawn_ns`, the same exchange done with a bare Foundation `Process` (what any
/// caller pays for the process), and `codec_ns`, the protocol work alone done in-process (request encoding,
/// the scaffold's parsing and dispatch, response decoding); `overhead_pct` is `codec_ns` against `spawn_ns`.
enum CPIBenchmarks {
    static func run(_ runner: BenchRunner) async throws {
        guard runner.wants("cpi_roundtrip") else { return }
        guard let boshkit = locateBoshKit() else {
            FileHandle.standardError.write(
                Data("bench: cpi_roundtrip skipped: no boshkit executable next to boshkit-bench; build it first (swift build -c release --product boshkit)\n".utf8)
            )
            return
        }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-bench-cpi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let arguments = ["local-cpi", "--state-dir", state.path]
        let request = try JSONEncoder().encode(
            CPIRequest(InfoArguments(), context: CPIContext(directorUUID: "bench", requestID: "cpi-100000"))
        )

        // The protocol work alone, in-process.
        let dispatcher = CPIDispatcher(provider: LocalCloudProvider(configuration: .init(stateDirectory: state.path)))
        let codec = try await median(iterations: 200) {
            let body = try JSONEncoder().encode(
                CPIRequest(InfoArguments(), context: CPIContext(directorUUID: "bench", requestID: "cpi-100000"))
            )
            let response = try JSONDecoder().decode(CPIResponse.self, from: await dispatcher.respond(to: body))
            _ = try InfoArguments.decodeResult(response.result, apiVersion: 1)
        }

        // The process alone, with a bare Foundation Process.
        let spawn = try await median(iterations: 30) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: boshkit)
            process.arguments = arguments
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: request)
            try input.fileHandleForWriting.close()
            _ = try output.fileHandleForReading.readToEnd()
            process.waitUntilExit()
        }

        let client = CPIClient(
            configuration: .init(executablePath: boshkit, arguments: arguments), logger: Logger(label: "boshkit-bench")
        )
        let roundtrip = try await median(iterations: 30) { _ = try await client.callInfo() }
        var result = BenchResult(name: "cpi_roundtrip", medianNanoseconds: roundtrip, iterations: 30)
        result.extra = [
            ("spawn_ns", Double(spawn)), ("codec_ns", Double(codec)),
            ("overhead_pct", (Double(codec) / Double(max(spawn, 1)) * 1000).rounded() / 10),
        ]
        runner.record(result)
    }

    private static func median(iterations: Int, _ body: () async throws -> Void) async throws -> UInt64 {
        for _ in 0..<3 { try await body() }
        var samples: [UInt64] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        return BenchRunner.median(samples)
    }

    /// `boshkit` next to this executable (same build configuration), else in the sibling debug or release folder.
    private static func locateBoshKit() -> String? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            directory.appendingPathComponent("boshkit"),
            directory.deletingLastPathComponent().appendingPathComponent("release/boshkit"),
            directory.deletingLastPathComponent().appendingPathComponent("debug/boshkit"),
        ]
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
