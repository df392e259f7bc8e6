import Testing
import Scheduler

/// Property-based tests with a seeded generator: for random groups, AZ lists, existing instances and
/// static IPs, placement stays balanced and no address is handed out twice.
@Suite struct PropertyTests {
    private struct Scenario {
        var groups: String
        var state: DeploymentState
        var sizes: [String: (count: Int, azs: Int, hasStatic: Bool, disks: Bool)]
    }

    private func scenario(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let allAZs = ["z1", "z2", "z3"]
        var groups = ""
        var state = DeploymentState()
        var sizes: [String: (Int, Int, Bool, Bool)] = [:]
        var nextStatic = [10, 10, 10]
        for g in 0..<Int.random(in: 1...6, using: &rng) {
            let name = "g\(g)"
            let azs = Array(allAZs.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))).sorted()
            let count = Int.random(in: 0...12, using: &rng)
            let useStatic = Bool.random(using: &rng) && count <= 6
            var staticIPs: [String]? = nil
            if useStatic {
                staticIPs = (0..<count).map { i in
                    let az = azs[i % azs.count]
                    let subnet = Int(az.dropFirst())!
                    defer { nextStatic[subnet - 1] += 1 }
                    return "10.0.\(subnet).\(nextStatic[subnet - 1])"
                }
            }
            groups += group(name, instances: count, azs: azs, staticIPs: staticIPs)
            let disks = Bool.random(using: &rng)
            if !useStatic {
                for i in 0..<Int.random(in: 0...8, using: &rng) {
                    let az = allAZs.randomElement(using: &rng)!
                    state.instances.append(ExistingInstance(group: name, index: i, id: "\(name)-\(i)", az: az, hasPersistentDisk: false))
                }
            }
            sizes[name] = (count, azs.count, useStatic, disks)
        }
        return Scenario(groups: groups, state: state, sizes: sizes)
    }

    @Test(arguments: 0..<60)
    func placementIsBalancedAndAddressesAreUnique(seed: Int) throws {
        let s = scenario(seed: UInt64(seed))
        let p = try plan(s.groups, state: s.state)
        var seen = Set<IPv4Address>()
        for g in p.instanceGroups {
            let size = s.sizes[g.name]!
            #expect(g.instances.count == size.count, "seed \(seed) group \(g.name)")
            #expect(Set(g.instances.map(\.index)).count == g.instances.count, "indexes unique, seed \(seed)")
            if !size.hasStatic && size.count > 0 {
                var counts = Array(g.azCounts.values)
                counts += Array(repeating: 0, count: size.azs - counts.count)
                #expect(counts.max()! - counts.min()! <= 1, "balanced, seed \(seed) group \(g.name): \(g.azCounts)")
            }
            // Existing instances are reused before new ones are created.
            let reused = g.instances.filter { $0.id != nil }.count
            let available = s.state.instances.filter { $0.group == g.name }.count
            if !size.hasStatic { #expect(reused + g.obsolete.count == available) }
            for i in g.instances {
                for a in i.addresses {
                    guard let ip = a.ip else { continue }
                    #expect(seen.insert(ip).inserted, "address \(ip) handed out twice, seed \(seed)")
                }
            }
            if g.instances.count > 0 { #expect(g.instances.filter(\.bootstrap).count == 1) }
        }
    }

    @Test(arguments: 0..<20)
    func plansAreDeterministic(seed: Int) throws {
        let s = scenario(seed: UInt64(seed) &+ 1000)
        #expect(try plan(s.groups, state: s.state) == (try plan(s.groups, state: s.state)))
    }

    @Test func randomizedTieBreaksStayBalancedAndFollowTheSeed() throws {
        let m = try manifest(group("web", instances: 7), features: "features: {randomize_az_placement: true}")
        let planner = DeploymentPlanner(manifest: m, cloudConfig: try cloudConfig())
        let a = try planner.plan(options: PlanOptions(randomSeed: 1)).instanceGroups[0]
        let b = try planner.plan(options: PlanOptions(randomSeed: 1)).instanceGroups[0]
        #expect(a == b)
        let counts = a.azCounts.values.sorted()
        #expect(counts == [2, 2, 3])
    }
}
