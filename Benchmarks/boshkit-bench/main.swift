import Foundation

// boshkit-bench [--json] [--filter NAME[,NAME…]] [--iterations N] [--rounds N]
// Each suite lives in its own file and adds its rows to the same runner; libyaml_scan runs first (the baseline).
let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let filter = arguments.firstIndex(of: "--filter").flatMap { i in arguments.index(after: i) < arguments.endIndex ? arguments[arguments.index(after: i)] : nil }
let iterations = arguments.firstIndex(of: "--iterations").flatMap { i in arguments.index(after: i) < arguments.endIndex ? Int(arguments[arguments.index(after: i)]) : nil }
// --rounds: the NATS rows and their Go counterparts (NATS_GO_BENCH) alternate N times; medians are reported.
let rounds = arguments.firstIndex(of: "--rounds").flatMap { i in arguments.index(after: i) < arguments.endIndex ? Int(arguments[arguments.index(after: i)]) : nil }
let runner = BenchRunner(filter: filter, iterations: iterations, rounds: rounds ?? 1)

try YAMLBenchmarks.run(runner)
try OpsBenchmarks.run(runner)
try DiffBenchmarks.run(runner)
// Suites added by later modules register here, one line each.
try await CPIBenchmarks.run(runner)
try await NatsBenchmarks.run(runner)
try ReleaseBenchmarks.run(runner)
try SchedulerBenchmarks.run(runner)
try await AgentBenchmarks.run(runner)
try await StoreBenchmarks.run(runner)
try await APIBenchmarks.run(runner)

print(json ? runner.renderJSON() : runner.renderTable())
