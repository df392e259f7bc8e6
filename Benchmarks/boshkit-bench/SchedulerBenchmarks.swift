import Foundation
import BoshYAML
import ManifestModel
import Scheduler

/// `plan_cf_deployment`: plan cf-deployment v58 with `operations/bosh-lite.yml` against its bosh-lite cloud config
/// (placement, IPs, update order; parsing and the ops file run once, outside the timing).
///
/// `place_10k`: plan 10,000 instances in 100 instance groups over 3 AZs, every tenth group with static IPs,
/// the rest with dynamic ones. Extra figures: `n1k_ns` and `n100k_ns` (same shape with 10 and 1,000 groups)
/// and `growth_100k_over_10k` (10.0 would be linear; O(n log n) gives about 12.5); `cpu_ns` is the thread's CPU
/// time for 10k (the wall time includes waiting for a core on a busy machine).
enum SchedulerBenchmarks {
    static func run(_ runner: BenchRunner) throws {
        if runner.wants("plan_cf_deployment") {
            var document = PatchDocument(try YAMLParser.parse(bytes: try BenchFixtures.corpusBytes("cf-deployment-v58/cf-deployment.yml"), file: "cf-deployment.yml"))
            let ops = try OpsFile(tree: try YAMLParser.parse(bytes: try BenchFixtures.corpusBytes("cf-deployment-v58/operations/bosh-lite.yml"), file: "bosh-lite.yml"))
            try document.apply(ops.operations)
            let manifest = try DeploymentManifest(tree: document.result)
            let cloud = try CloudConfig(bytes: try BenchFixtures.corpusBytes("cf-deployment-v58/iaas-support/bosh-lite/cloud-config.yml"))
            let planner = DeploymentPlanner(manifest: manifest, cloudConfig: cloud)
            try runner.measure("plan_cf_deployment", iterations: 50) { _ = try planner.plan() }
        }
        if runner.wants("place_10k") {
            func time(groups: Int, iterations: Int) throws -> (wall: UInt64, cpu: UInt64) {
                let planner = DeploymentPlanner(manifest: syntheticManifest(groups: groups), cloudConfig: syntheticCloudConfig())
                var samples: [UInt64] = []
                var cpu: [UInt64] = []
                for _ in 0..<iterations {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let cpuStart = threadCPUNanoseconds()
                    let plan = try planner.plan()
                    cpu.append(threadCPUNanoseconds() - cpuStart)
                    samples.append(DispatchTime.now().uptimeNanoseconds - start)
                    precondition(plan.instanceGroups.count == groups)
                }
                return (BenchRunner.median(samples), BenchRunner.median(cpu))
            }
            let (n10k, cpu10k) = try time(groups: 100, iterations: 15)
            let (n1k, _) = try time(groups: 10, iterations: 30)
            let (n100k, _) = try time(groups: 1000, iterations: 3)
            var result = BenchResult(name: "place_10k", medianNanoseconds: n10k, iterations: 15)
            result.extra = [
                ("cpu_ns", Double(cpu10k)), ("n1k_ns", Double(n1k)), ("n100k_ns", Double(n100k)),
                ("growth_100k_over_10k", (Double(n100k) / Double(max(n10k, 1)) * 100).rounded() / 100),
                // log10 of the growth for 10× the instances: 1.0 is linear (the scale rows report the same figure).
                ("growth_exponent", (log10(Double(n100k) / Double(max(n10k, 1))) * 1000).rounded() / 1000),
            ]
            runner.record(result)
        }
    }

    /// CPU time of the calling thread: what the planner costs when a shared machine is busy.
    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Three AZs, one /16 subnet each with a static pool of 20,000 addresses.
    static func syntheticCloudConfig() -> CloudConfig {
        var cloud = CloudConfig()
        cloud.azs = ["z1", "z2", "z3"].map { var az = AvailabilityZone(); az.name = $0; return az }
        var vmType = VMType()
        vmType.name = "default"
        cloud.vmTypes = [vmType]
        var network = CloudNetwork()
        network.name = "default"
        network.subnets = (1...3).map { i in
            var s = Subnet()
            s.range = "10.\(i).0.0/16"
            s.gateway = "10.\(i).0.1"
            s.reserved = .value(["10.\(i).0.2 - 10.\(i).0.9"])
            s.static = .value(["10.\(i).0.10 - 10.\(i).78.255"])
            s.az = "z\(i)"
            return s
        }
        cloud.networks = [network]
        return cloud
    }

    /// `groups` groups of 100 instances; every tenth group takes static IPs spread over the three AZs.
    static func syntheticManifest(groups: Int) -> DeploymentManifest {
        var manifest = DeploymentManifest()
        manifest.name = "bench"
        var update = UpdatePolicy()
        update.canaries = 1
        update.maxInFlight = .percent(10)
        update.canaryWatchTime = WatchTime(from: 1000, to: 30000)
        update.updateWatchTime = WatchTime(from: 1000, to: 30000)
        manifest.update = update
        var nextStatic = [Int](repeating: 0, count: 3)
        manifest.instanceGroups = (0..<groups).map { g in
            var group = InstanceGroup()
            group.name = "group-\(g)"
            group.instances = 100
            group.azs = ["z1", "z2", "z3"]
            group.vmType = "default"
            var job = JobReference()
            job.name = "job-\(g)"
            job.release = "app"
            group.jobs = [job]
            var network = InstanceGroupNetwork()
            network.name = "default"
            if g % 10 == 0 {
                network.staticIPs = .value((0..<100).map { i in
                    let z = i % 3
                    defer { nextStatic[z] += 1 }
                    let offset = 10 + nextStatic[z]
                    return "10.\(z + 1).\(offset / 256).\(offset % 256)"
                })
            }
            group.networks = [network]
            return group
        }
        return manifest
    }
}
