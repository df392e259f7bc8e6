import Foundation

// boshkit-bench [--json] [--filter NAME[,NAME…]] [--iterations N] [--rounds N]
// Each suite lives in its own file and adds its rows to the same runner; the YAML, ops and diff suites register
// rows that runComparisons() times in rounds against libyaml_scan (the baseline).
let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let filter = arguments.firstIndex(of: "--filter").flatMap { i in arguments.index(after: i) < arguments.endIndex ? arguments[arguments.index(after: i)] : nil }
let iterations = arguments.firstIndex(of: "--iterations").flatMap { i in arguments.index(after: i) < arguments.endIndex ? Int(arguments[arguments.index(after: i)]) : nil }
// --rounds: the YAML, manifest, ops and diff rows alternate with the libyaml_scan baseline N times (default 5; each
// reports the median of its per-round ratios with min and max); the NATS rows and their Go counterparts
// (NATS_GO_BENCH) alternate N times (default 1); vars_store_cf_deployment runs N times (default 1).
let rounds = arguments.firstIndex(of: "--rounds").flatMap { i in arguments.index(after: i) < arguments.endIndex ? Int(arguments[arguments.index(after: i)]) : nil }
let runner = BenchRunner(filter: filter, iterations: iterations, rounds: rounds)

try YAMLBenchmarks.run(runner)
try OpsBenchmarks.run(runner)
try DiffBenchmarks.run(runner)
try runner.runComparisons()
try VarsStoreBenchmarks.run(runner)
// Suites added by later modules register here, one line each.
try await CPIBenchmarks.run(runner)
try await NatsBenchmarks.run(runner)
try ReleaseBenchmarks.run(runner)
try SchedulerBenchmarks.run(runner)
try await AgentBenchmarks.run(runner)
try await StoreBenchmarks.run(runner)
try await APIBenchmarks.run(runner)

print(json ? runner.renderJSON() : runner.renderTable())
