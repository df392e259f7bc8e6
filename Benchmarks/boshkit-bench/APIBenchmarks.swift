import AsyncHTTPClient
import BoshDirectorAPI
import BoshDirectorStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The director API over HTTPS on loopback, in-process over a SQLite store:
/// - `api_info`: `GET /info` on a new TLS connection per request (`Connection: close`, as the bosh CLI does);
///   the row's extra `requests_per_s`.
/// - `api_task_output`: 20 pollers each asking `GET /tasks/N/output?type=event` with `Range: bytes=<offset>-`
///   every 0.5 s as the CLI does, their starts spread over the half second (new connection per poll) while a writer appends an event line every 5 ms to
///   the task's output; extras `p50_ms` and `p99_ms` of the polls (20 per poller).
enum APIBenchmarks {
    static func run(_ runner: BenchRunner) async throws {
        guard runner.wants("api_info") || runner.wants("api_task_output") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-bench-api-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await DirectorStore.open(sqlitePath: directory + "/director.db")
        let credentials = try DirectorCredentials.loadOrGenerate(stateDirectory: directory, listen: "127.0.0.1")
        var logger = Logger(label: "bench.api")
        logger.logLevel = .critical  // cancelling the server at the end logs its child channels at error
        let api = DirectorAPI(store: store, credentials: credentials, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try api.application(host: "127.0.0.1", port: 0) { continuation.yield($0) }
        let server = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { return }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(credentials.ca.utf8)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        let authorization = "Basic " + Data("admin:\(credentials.password)".utf8).base64EncodedString()

        let get: @Sendable (String, Int?) async throws -> Int = { path, range in
            var request = HTTPClientRequest(url: "https://127.0.0.1:\(port)\(path)")
            request.headers.add(name: "Connection", value: "close")
            request.headers.add(name: "Authorization", value: authorization)
            if let range { request.headers.add(name: "Range", value: "bytes=\(range)-") }
            let response = try await client.execute(request, timeout: .seconds(30))
            return try await response.body.collect(upTo: 16 << 20).readableBytes
        }

        if runner.wants("api_info") {
            let iterations = runner.iterationOverride ?? 300
            for _ in 0..<10 { _ = try await get("/info", nil) }
            var samples: [UInt64] = []
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await get("/info", nil)
                samples.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            let median = BenchRunner.median(samples)
            runner.record(
                BenchResult(
                    name: "api_info", medianNanoseconds: median, iterations: iterations,
                    extra: [("requests_per_s", 1e9 / Double(max(1, median)))]))
        }

        if runner.wants("api_task_output") {
            let task = try await store.createTask(type: "update_deployment", description: "bench", state: .processing, worker: "bench")
            let line = Array("{\"time\":1796616000,\"stage\":\"Updating instance\",\"tags\":[\"web\"],\"task\":\"web/0b1c2d3e-aaaa-bbbb-cccc-000000000000 (0)\",\"index\":1,\"total\":4,\"state\":\"started\",\"progress\":0}\n".utf8)
            let writer = Task {
                while !Task.isCancelled {
                    try? await store.appendOutput(line, to: task.id, kind: .event)
                    try? await Task.sleep(for: .milliseconds(5))
                }
            }
            let samples = Samples()
            let polls = runner.iterationOverride ?? 20
            let taskID = task.id
            try await withThrowingTaskGroup(of: Void.self) { group in
                for poller in 0..<20 {
                    group.addTask {
                        // Independent CLIs: their polls are spread over the half second, not in step.
                        try await Task.sleep(for: .milliseconds(25 * poller))
                        var offset = 0
                        for _ in 0..<polls {
                            let start = DispatchTime.now().uptimeNanoseconds
                            offset += try await get("/tasks/\(taskID)/output?type=event", offset)
                            samples.add(DispatchTime.now().uptimeNanoseconds - start)
                            try await Task.sleep(for: .milliseconds(500))  // the CLI polls every 0.5 s
                        }
                    }
                }
                try await group.waitForAll()
            }
            writer.cancel()
            let sorted = samples.all.sorted()
            let p50 = sorted[sorted.count / 2]
            let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            runner.record(
                BenchResult(
                    name: "api_task_output", medianNanoseconds: p50, iterations: sorted.count,
                    extra: [("p50_ms", Double(p50) / 1e6), ("p99_ms", Double(p99) / 1e6)]))
        }
        try await client.shutdown()
        server.cancel()
        _ = await server.result
        await store.close()
    }
}

/// Poll times collected from concurrent pollers.
final class Samples: Sendable {
    private let values = Mutex<[UInt64]>([])
    func add(_ value: UInt64) { values.withLock { $0.append(value) } }
    var all: [UInt64] { values.withLock { $0 } }
}
