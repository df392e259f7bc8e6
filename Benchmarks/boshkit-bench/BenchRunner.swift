import Foundation

/// One benchmark result: the median time of one iteration plus optional extra figures (msg/s, p99 …).
struct BenchResult {
    var name: String
    var medianNanoseconds: UInt64
    var iterations: Int
    var extra: [(String, Double)] = []
    /// For rows timed against the baseline in rounds: the median, smallest and largest per-round ratio.
    var ratio: (median: Double, min: Double, max: Double)? = nil
}

/// Times closures and collects results; `--json` prints `{"results": {NAME: {"median_ns": N, "iterations": K}}}`
/// plus, for rows timed against the baseline in rounds, `ratio_vs_libyaml_scan`, `ratio_min` and `ratio_max`.
final class BenchRunner {
    private(set) var results: [BenchResult] = []
    let filter: String?
    /// Overrides every benchmark's iteration count (for profiling runs).
    let iterationOverride: Int?
    /// `--rounds` as given (nil: each suite's default).
    let requestedRounds: Int?
    /// Rows registered with ``compare(_:iterations:warmup:growthOf:_:)``, run by ``runComparisons()``.
    var compared: [ComparedRow] = []
    var baselineRow: ComparedRow?

    init(filter: String?, iterations: Int? = nil, rounds: Int? = nil) {
        self.filter = filter
        self.iterationOverride = iterations
        self.requestedRounds = rounds
    }

    /// How often suites that compare with another implementation (the NATS rows against Go) alternate (default 1).
    var rounds: Int { max(requestedRounds ?? 1, 1) }

    /// How often the baseline and the rows compared with it alternate (default 5).
    var comparisonRounds: Int { max(requestedRounds ?? 5, 1) }

    /// Whether a row runs: no filter, or its name contains one of the filter's comma-separated parts
    /// (`--filter libyaml_scan,diff` runs the baseline and the diff rows in one process); a part starting with `=`
    /// names one row exactly (`--filter =ops_chain` leaves out ops_chain_10x and ops_chain_100x).
    func wants(_ name: String) -> Bool {
        guard let filter else { return true }
        return filter.split(separator: ",").contains { $0.hasPrefix("=") ? name == $0.dropFirst() : name.contains($0) }
    }

    /// Runs `body` `warmup` times, then `iterations` times, and records the median.
    func measure(_ name: String, iterations: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows {
        guard wants(name) else { return }
        let iterations = iterationOverride ?? iterations
        let warmup = iterationOverride == nil ? warmup : 0
        for _ in 0..<warmup { try body() }
        var samples: [UInt64] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        record(BenchResult(name: name, medianNanoseconds: Self.median(samples), iterations: iterations))
    }

    /// Async variant of ``measure(_:iterations:warmup:_:)``.
    func measureAsync(_ name: String, iterations: Int, warmup: Int = 3, _ body: () async throws -> Void) async rethrows {
        guard wants(name) else { return }
        for _ in 0..<warmup { try await body() }
        var samples: [UInt64] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        record(BenchResult(name: name, medianNanoseconds: Self.median(samples), iterations: iterations))
    }

    /// Records a result measured by the caller (throughput benchmarks), with the process's peak RSS so far.
    func record(_ result: BenchResult) {
        var result = result
        if !result.extra.contains(where: { $0.0 == "peak_rss_mb" }) {
            result.extra.append(("peak_rss_mb", Double(Self.peakRSSKilobytes() / 1024)))
        }
        results.append(result)
        if let line = progressLine(result) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// The process's maximum resident set size so far (getrusage).
    static func peakRSSKilobytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    static func median(_ samples: [UInt64]) -> UInt64 {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return sorted[sorted.count / 2]
    }

    private func progressLine(_ r: BenchResult) -> String? {
        "bench: \(r.name) done"
    }

    func baseline() -> UInt64? { results.first { $0.name == "libyaml_scan" }?.medianNanoseconds }

    /// Rows timed in rounds carry their ratio (median of per-round ratios, min–max); others are divided by the
    /// baseline's median.
    func renderTable() -> String {
        var out = "name                      median          iterations  × libyaml_scan [min–max]  extra\n"
        let base = baseline()
        for r in results {
            let ratio: String
            if let spread = r.ratio {
                ratio = String(format: "%.2f× [%.2f–%.2f]", spread.median, spread.min, spread.max)
            } else {
                ratio = base.map { String(format: "%.2f×", Double(r.medianNanoseconds) / Double($0)) } ?? "-"
            }
            let extra = r.extra.map { "\($0.0)=\(Self.format($0.1))" }.joined(separator: " ")
            out += r.name.padding(toLength: 26, withPad: " ", startingAt: 0)
            out += Self.formatTime(r.medianNanoseconds).padding(toLength: 16, withPad: " ", startingAt: 0)
            out += String(r.iterations).padding(toLength: 12, withPad: " ", startingAt: 0)
            out += ratio.padding(toLength: 26, withPad: " ", startingAt: 0)
            out += extra + "\n"
        }
        return out
    }

    func renderJSON() -> String {
        let entries = results.map { r -> String in
            var fields = ["\"median_ns\": \(r.medianNanoseconds)", "\"iterations\": \(r.iterations)"]
            if let spread = r.ratio {
                fields += [
                    "\"ratio_vs_libyaml_scan\": \(Self.ratioText(spread.median))", "\"ratio_min\": \(Self.ratioText(spread.min))",
                    "\"ratio_max\": \(Self.ratioText(spread.max))",
                ]
            }
            fields += r.extra.map { "\"\($0.0)\": \(Self.format($0.1))" }
            return "\"\(r.name)\": {\(fields.joined(separator: ", "))}"
        }
        return "{\"results\": {\(entries.joined(separator: ", "))}}"
    }

    static func ratioText(_ value: Double) -> String { String(format: "%.4f", value) }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    static func formatTime(_ ns: UInt64) -> String {
        switch ns {
        case ..<10_000: return "\(ns) ns"
        case ..<10_000_000: return String(format: "%.1f µs", Double(ns) / 1e3)
        default: return String(format: "%.2f ms", Double(ns) / 1e6)
        }
    }
}
