import Foundation
import ReleaseSpec

/// Release rows: release_verify (the largest fixture release, read + every digest verified) and
/// release_verify_200mb (a generated release: 300 small packages + a 200 MB package blob, outer gzip level 1).
/// `extra` reports MB/s of tarball bytes read. Set BOSHKIT_BENCH_RELEASE_DIR to keep the generated tarball
/// there (for comparing with `tar -xzf` + `sha1sum` by hand).
enum ReleaseBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        let fixture = BenchFixtures.directory.appendingPathComponent("release-hello-go-50-on-toronto-os-stemcell-1.tgz")
            .path
        try measureThroughput(runner, "release_verify", path: fixture, iterations: 50)

        guard runner.wants("release_verify_200mb") else { return }
        let keep = ProcessInfo.processInfo.environment["BOSHKIT_BENCH_RELEASE_DIR"]
        let dir =
            keep
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let summary = try SyntheticRelease.write(
            to: dir + "/large-release.tgz", smallPackages: 300, blobSize: 200 << 20, level: 1)
        try measureThroughput(runner, "release_verify_200mb", path: summary.path, iterations: 5, warmup: 1)
    }

    private static func measureThroughput(
        _ runner: BenchRunner, _ name: String, path: String, iterations: Int, warmup: Int = 3
    ) throws {
        guard runner.wants(name) else { return }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
        let iterations = runner.iterationOverride ?? iterations
        for _ in 0..<(runner.iterationOverride == nil ? warmup : 0) { _ = try ReleaseTarball.read(at: path) }
        var samples: [UInt64] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let release = try ReleaseTarball.read(at: path)
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
            precondition(!release.packages.isEmpty)
        }
        var result = BenchResult(name: name, medianNanoseconds: BenchRunner.median(samples), iterations: iterations)
        result.extra.append(("MB/s", size / 1e6 / (Double(result.medianNanoseconds) / 1e9)))
        result.extra.append(("MB", size / 1e6))
        runner.record(result)
    }
}
