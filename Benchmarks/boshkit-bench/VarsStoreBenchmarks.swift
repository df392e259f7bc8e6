import BoshYAML
import Foundation
import ManifestModel

/// `vars_store_cf_deployment`: interpolate cf-deployment v58 with `-v system_domain=example.com` into an empty vars
/// store, as `boshkit int cf-deployment.yml --vars-store FILE -v system_domain=example.com` does: every typed
/// variable is generated (passwords, 92 certificates with 3072-bit keys, …) and the store written. One run per
/// round (`--rounds`, default 1); the median is reported with the process's CPU time for that run (`cpu_ns`:
/// more than the wall time when keys are generated on several cores).
enum VarsStoreBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let name = "vars_store_cf_deployment"
        guard runner.wants(name) else { return }
        let tree = try YAMLParser.parse(
            bytes: try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml"), file: "cf-deployment.yml")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-bench-vars-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var wall: [UInt64] = []
        var cpu: [UInt64] = []
        var generated = 0
        for round in 0..<runner.rounds {
            let path = directory.appendingPathComponent("store-\(round).yml").path
            var sources = VariableSources()
            try sources.addKeyValue("system_domain=example.com")
            sources.store = try VarsStore(path: path)
            let cpuStart = NatsBenchmarks.cpuNanoseconds()
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try Interpolator.interpolate(tree, sources: sources)
            wall.append(DispatchTime.now().uptimeNanoseconds - start)
            cpu.append(NatsBenchmarks.cpuNanoseconds() - cpuStart)
            generated = result.sources.store?.values.count ?? 0
            precondition(generated > 100 && result.missing.isEmpty)
        }
        runner.record(
            BenchResult(
                name: name, medianNanoseconds: BenchRunner.median(wall), iterations: wall.count,
                extra: [("cpu_ns", Double(BenchRunner.median(cpu))), ("variables", Double(generated)), ("rounds", Double(wall.count))]))
    }
}
