import Foundation
import NIOCore
import NatsClient

/// NATS rows against a nats-server started here: nats_pub_16b, nats_pub_1k (publisher only, msgs/s),
/// nats_pubsub_16b (one publisher, one subscriber, delivered/s), nats_req_rtt (request–reply p50/p99).
/// With `NATS_GO_BENCH=<binary>` the Go comparison program (Benchmarks/nats-go-bench) runs against the same
/// server and its rows are added with a `go_` prefix.
enum NatsBenchmarks {
    static let rows = ["nats_pub_16b", "nats_pub_1k", "nats_pubsub_16b", "nats_req_rtt"]

    static func run(_ runner: BenchRunner) async throws {
        let wanted = rows.filter(runner.wants)
        let goBinary = ProcessInfo.processInfo.environment["NATS_GO_BENCH"]
            .flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
        let goWanted = goBinary == nil ? [] : rows.filter { runner.wants("go_" + $0) }
        guard !wanted.isEmpty || !goWanted.isEmpty else { return }
        let server = try await BenchServer.start()
        defer { server.stop() }
        // Swift and Go alternate round by round against the same server, so both see the same machine weather.
        var swiftRounds: [String: [BenchResult]] = [:]
        var goRounds: [String: [BenchResult]] = [:]
        for _ in 0..<max(runner.rounds, 1) {
            for result in try await measure(wanted, url: server.url) { swiftRounds[result.name, default: []].append(result) }
            if let goBinary, !goWanted.isEmpty {
                for result in try goRows(goBinary, rows: goWanted, url: server.url) {
                    goRounds[result.name, default: []].append(result)
                }
            }
        }
        for row in rows {
            let swift = swiftRounds[row] ?? []
            let go = goRounds["go_" + row] ?? []
            if var result = combined(swift) {
                if swift.count == go.count {
                    // Go's time ÷ Swift's time per round (per run for throughput, p50 for round trips): ≥ 1 means
                    // Swift is at least as fast as Go in that round.
                    let ratios = zip(swift, go).map { Double($0.1.medianNanoseconds) / Double($0.0.medianNanoseconds) }
                    result.extra.append(("speed_vs_go", (medianOf(ratios) * 1000).rounded() / 1000))
                    result.extra.append(("rounds_faster", Double(ratios.filter { $0 >= 1 }.count)))
                }
                runner.record(result)
            }
            if let result = combined(go), runner.wants(result.name) { runner.record(result) }
        }
    }

    /// The round with the median time, annotated with the number of rounds.
    static func combined(_ rounds: [BenchResult]) -> BenchResult? {
        guard !rounds.isEmpty else { return nil }
        var result = rounds.sorted { $0.medianNanoseconds < $1.medianNanoseconds }[rounds.count / 2]
        if rounds.count > 1 { result.extra.append(("rounds", Double(rounds.count))) }
        return result
    }

    static func medianOf(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// User + system CPU time of this process so far, in nanoseconds (all threads: both clients of a row).
    static func cpuNanoseconds() -> UInt64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let micros = (Int(usage.ru_utime.tv_sec) + Int(usage.ru_stime.tv_sec)) * 1_000_000
            + Int(usage.ru_utime.tv_usec) + Int(usage.ru_stime.tv_usec)
        return UInt64(micros) * 1000
    }

    static func measure(_ wanted: [String], url: String) async throws -> [BenchResult] {
        var results: [BenchResult] = []
        if wanted.contains("nats_pub_16b") {
            results.append(try await publish("nats_pub_16b", url: url, size: 16, count: 2_000_000))
        }
        if wanted.contains("nats_pub_1k") {
            results.append(try await publish("nats_pub_1k", url: url, size: 1024, count: 500_000))
        }
        if wanted.contains("nats_pubsub_16b") {
            results.append(try await pubSub("nats_pubsub_16b", url: url, size: 16, count: 1_000_000))
        }
        if wanted.contains("nats_req_rtt") {
            results.append(try await requestReply("nats_req_rtt", url: url, count: 20_000))
        }
        return results
    }

    static func options(_ url: String) -> NatsClientOptions {
        NatsClientOptions(
            servers: [url], subscriptionPendingMessages: 4_000_000, subscriptionPendingBytes: 512 * 1024 * 1024)
    }

    /// Publishes `count` messages and flushes; three runs, the median reported.
    static func publish(_ name: String, url: String, size: Int, count: Int) async throws -> BenchResult {
        let client = try await NatsClient.connect(options(url))
        let payload = ByteBuffer(repeating: 0x61, count: size)
        // On the client's event loop, like the Go client's publisher: the publishing thread also writes each
        // full chunk to the socket, with no second client thread and no hand-over per chunk.
        let cpuStart = cpuNanoseconds()
        let samples = try await Task(executorPreference: client.taskExecutor) {
            var samples: [UInt64] = []
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<count { try await client.publish(payload, to: "bench.pub") }
                try await client.flush(timeout: .seconds(60))
                samples.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            return samples
        }.value
        let cpu = Double(cpuNanoseconds() - cpuStart) / Double(count * samples.count)
        await client.close()
        let median = BenchRunner.median(samples)
        let rate = Double(count) / (Double(median) / 1e9)
        return BenchResult(
            name: name, medianNanoseconds: median, iterations: samples.count,
            extra: [
                ("msgs", Double(count)), ("msgs_per_s", rate.rounded()), ("mb_per_s", rate * Double(size) / 1e6),
                ("cpu_ns_per_msg", cpu.rounded()),
            ])
    }

    /// One publisher and one subscriber connection; time until the subscriber has every message.
    static func pubSub(_ name: String, url: String, size: Int, count: Int) async throws -> BenchResult {
        let subscriber = try await NatsClient.connect(options(url))
        let publisher = try await NatsClient.connect(options(url))
        let payload = ByteBuffer(repeating: 0x61, count: size)
        var samples: [UInt64] = []
        var publishNanos: [UInt64] = []
        let cpuStart = cpuNanoseconds()
        for run in 0..<3 {
            let subscription = try await subscriber.subscribe(to: "bench.ps.\(run)")
            let start = DispatchTime.now().uptimeNanoseconds
            let consumer = Task { () -> UInt64 in
                var seen = 0
                for await _ in subscription {
                    seen += 1
                    if seen == count { break }
                }
                return DispatchTime.now().uptimeNanoseconds
            }
            let subject = "bench.ps.\(run)"
            try await Task(executorPreference: publisher.taskExecutor) {
                for _ in 0..<count { try await publisher.publish(payload, to: subject) }
                try await publisher.flush(timeout: .seconds(60))
            }.value
            publishNanos.append(DispatchTime.now().uptimeNanoseconds - start)
            let end = await consumer.value
            samples.append(end - start)
            try await subscription.unsubscribe()
        }
        let cpu = Double(cpuNanoseconds() - cpuStart) / Double(count * samples.count)
        await publisher.close()
        await subscriber.close()
        let median = BenchRunner.median(samples)
        let delivered = Double(count) / (Double(median) / 1e9)
        let published = Double(count) / (Double(BenchRunner.median(publishNanos)) / 1e9)
        return BenchResult(
            name: name, medianNanoseconds: median, iterations: samples.count,
            extra: [
                ("msgs", Double(count)), ("pub_msgs_per_s", published.rounded()), ("msgs_per_s", delivered.rounded()),
                ("cpu_ns_per_msg", cpu.rounded()),
            ])
    }

    /// Sequential requests to an echo responder on another connection; p50 / p99 round trip.
    static func requestReply(_ name: String, url: String, count: Int) async throws -> BenchResult {
        let responder = try await NatsClient.connect(options(url))
        let requester = try await NatsClient.connect(options(url))
        let service = try await responder.subscribe(to: "bench.req")
        let serving = Task(executorPreference: responder.taskExecutor) {
            for await message in service {
                if let reply = message.replyTo { try? await responder.publish(message.payload, to: reply) }
            }
        }
        let payload = ByteBuffer(repeating: 0x61, count: 16)
        let (samplesMeasured, cpuNanos) = try await Task(executorPreference: requester.taskExecutor) {
            for _ in 0..<1000 { _ = try await requester.request(payload, to: "bench.req") }
            let cpuStart = cpuNanoseconds()
            var samples: [UInt64] = []
            samples.reserveCapacity(count)
            for _ in 0..<count {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await requester.request(payload, to: "bench.req")
                samples.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            return (samples, cpuNanoseconds() - cpuStart)
        }.value
        var samples = samplesMeasured
        serving.cancel()
        await requester.close()
        await responder.close()
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[samples.count * 99 / 100]
        return BenchResult(
            name: name, medianNanoseconds: p50, iterations: count,
            extra: [
                ("p50_ns", Double(p50)), ("p99_ns", Double(p99)), ("req_per_s", (1e9 / Double(p50)).rounded()),
                ("cpu_ns_per_req", (Double(cpuNanos) / Double(count)).rounded()),
            ])
    }

    /// Runs the Go comparison program; it prints one `name key=value …` line per row.
    static func goRows(_ binary: String, rows: [String], url: String) throws -> [BenchResult] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-url", url, "-rows", rows.joined(separator: ",")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard let name = fields.first else { return nil }
            var values: [(String, Double)] = []
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=")
                if pair.count == 2, let value = Double(pair[1]) { values.append((String(pair[0]), value)) }
            }
            let median = values.first { $0.0 == "median_ns" }.map { UInt64($0.1) } ?? 0
            let iterations = values.first { $0.0 == "iterations" }.map { Int($0.1) } ?? 1
            return BenchResult(
                name: "go_" + name, medianNanoseconds: median, iterations: iterations,
                extra: values.filter { $0.0 != "median_ns" && $0.0 != "iterations" })
        }
    }
}

/// A nats-server on a free loopback port for the benchmark run, stopped by its process id.
struct BenchServer {
    let process: Process
    let url: String

    static func start() async throws -> BenchServer {
        let port = 20_000 + Int.random(in: 0..<20_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nats-server")
        process.arguments = ["-a", "127.0.0.1", "-p", "\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let url = "nats://127.0.0.1:\(port)"
        for _ in 0..<200 {
            if let client = try? await NatsClient.connect(to: url) {
                await client.close()
                return BenchServer(process: process, url: url)
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: ["nats-server": "did not start on \(port)"])
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
