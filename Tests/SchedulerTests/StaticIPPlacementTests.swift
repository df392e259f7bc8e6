import Testing
import Scheduler

/// Static IPs as the director places them (`placement_planner/networks_to_static_ips.rb`,
/// `static_ips_availability_zone_picker.rb`, `bruteforce_ip_allocation.rb`). Issue #23, findings 2–4.
@Suite struct StaticIPPlacementTests {
    /// A subnet serving z1 and z2 with a static pool .10–.13, and a z3 subnet with static .10.
    static let cloud = """
        azs: [{name: z1}, {name: z2}, {name: z3}]
        vm_types: [{name: small}]
        networks:
        - name: net
          type: manual
          subnets:
          - {range: 10.0.1.0/24, gateway: 10.0.1.1, azs: [z1, z2], static: [10.0.1.10 - 10.0.1.13]}
          - {range: 10.0.2.0/24, gateway: 10.0.2.1, az: z1, static: [10.0.2.10]}
          - {range: 10.0.3.0/24, gateway: 10.0.3.1, az: z3, static: [10.0.3.10]}
        """

    private func placed(_ p: DeploymentPlan) -> [String] {
        p.instanceGroups[0].instances.map { "\($0.index)→\($0.az ?? "-") \($0.addresses[0].ip?.description ?? "")" }
    }

    private func web(_ n: Int, azs: [String], ips: [String]) -> String {
        group("web", instances: n, azs: azs, network: "net", staticIPs: ips)
    }

    // Finding 2.

    @Test func aTieGoesToTheSubnetsAZOrderNotTheGroups() throws {
        // The issue's minimal case: subnet azs [z1, z2], group azs [z2, z1] -> 0→z1 .10, 1→z2 .11.
        let p = try plan(web(2, azs: ["z2", "z1"], ips: ["10.0.1.10 - 10.0.1.11"]), cloud: Self.cloud)
        #expect(placed(p) == ["0→z1 10.0.1.10", "1→z2 10.0.1.11"])
    }

    @Test func onlyAddressesListedEarlierWeighOnAChoice() throws {
        // .10 ties and goes to z1; the single-AZ 10.0.2.10 (z1) listed after it does not move it; .11 then sees
        // z1 twice and goes to z2.
        let p = try plan(web(3, azs: ["z1", "z2"], ips: ["10.0.1.10", "10.0.2.10", "10.0.1.11"]), cloud: Self.cloud)
        #expect(placed(p) == ["0→z1 10.0.1.10", "1→z1 10.0.2.10", "2→z2 10.0.1.11"])
    }

    @Test func anAddressAnExistingInstanceKeepsCountsWhereItIsListed() throws {
        // web/0 in z1 keeps .11. The director spreads in list order: .10 comes first, sees no use yet and takes
        // z1 too (the kept .11 only counts for addresses listed after it).
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "uuid-0", az: "z1", addresses: ["net": IPv4Address("10.0.1.11")!])
        ])
        let p = try plan(web(2, azs: ["z1", "z2"], ips: ["10.0.1.10", "10.0.1.11"]), state: state, cloud: Self.cloud)
        #expect(placed(p) == ["0→z1 10.0.1.11", "1→z1 10.0.1.10"])
    }

    @Test func anExistingInstanceWithAnUnlistedAddressIsReusedInItsAZ() throws {
        // web/0 (z2) held .13, no longer listed: it keeps its VM with the first listed address its AZ can use.
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "uuid-0", az: "z2", addresses: ["net": IPv4Address("10.0.1.13")!])
        ])
        let p = try plan(web(2, azs: ["z1", "z2"], ips: ["10.0.2.10", "10.0.1.10"]), state: state, cloud: Self.cloud)
        #expect(placed(p) == ["0→z2 10.0.1.10", "1→z1 10.0.2.10"])
        #expect(p.instanceGroups[0].obsolete.isEmpty)
    }

    @Test func twoStaticNetworksGetTheSameSpread() throws {
        let cloud = Self.cloud + """

            - name: net2
              type: manual
              subnets:
              - {range: 10.1.1.0/24, gateway: 10.1.1.1, azs: [z2, z1], static: [10.1.1.10 - 10.1.1.11]}
            """
        let groups = """
            - name: web
              instances: 2
              azs: [z1, z2]
              vm_type: small
              jobs: [{name: web-job, release: app}]
              networks:
              - {name: net, static_ips: [10.0.1.10, 10.0.1.11], default: [dns, gateway]}
              - {name: net2, static_ips: [10.1.1.10, 10.1.1.11]}
            """
        let web = try plan(groups, cloud: cloud).instanceGroups[0]
        #expect(web.instances.map { "\($0.az!) \($0.addresses[0].ip!) \($0.addresses[1].ip!)" }
            == ["z1 10.0.1.10 10.1.1.11", "z2 10.0.1.11 10.1.1.10"])
    }

    // Finding 3.

    @Test func aStaticIPOutsideTheStaticPoolIsRefused() throws {
        let cloud = Self.cloud.replacingOccurrences(of: "static: [10.0.1.10 - 10.0.1.13]", with: "static: [10.0.1.10]")
        let error = #expect(throws: SchedulerError.self) { try plan(web(1, azs: ["z1"], ips: ["10.0.1.30"]), cloud: cloud) }
        #expect(error?.message == "Instance group 'web' with network 'net' declares static ip '10.0.1.30/32', which belongs to no subnet")
        #expect(error?.path == "/instance_groups/name=web/networks/name=net/static_ips")
        #expect(error?.kind == .ipAllocation)
    }

    @Test func aSubnetWithoutAStaticPoolHasNoStaticIPs() throws {
        let cloud = Self.cloud.replacingOccurrences(of: ", static: [10.0.1.10 - 10.0.1.13]", with: "")
        let error = #expect(throws: SchedulerError.self) { try plan(web(1, azs: ["z1"], ips: ["10.0.1.30"]), cloud: cloud) }
        #expect(error?.message == "Instance group 'web' with network 'net' declares static ip '10.0.1.30/32', which belongs to no subnet")
    }

    // Finding 4.

    @Test func aStaticIPOfAnAZTheGroupDoesNotUseIsRefusedInTheDirectorsWords() throws {
        let error = #expect(throws: SchedulerError.self) { try plan(web(1, azs: ["z1", "z2"], ips: ["10.0.3.10"]), cloud: Self.cloud) }
        #expect(error?.message == "Instance group 'web' declares static ip '10.0.3.10/32' which does not belong to any of the instance group's availability zones.")
        #expect(error?.path == "/instance_groups/name=web/networks/name=net/static_ips")
    }

    @Test func anExistingInstanceWhoseAddressLeftItsAZIsRefused() throws {
        // web/0 sits in z2 but its listed 10.0.2.10 is a z1 address.
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "uuid-0", az: "z2", addresses: ["net": IPv4Address("10.0.2.10")!])
        ])
        let error = #expect(throws: SchedulerError.self) { try plan(web(1, azs: ["z1", "z2"], ips: ["10.0.2.10"]), state: state, cloud: Self.cloud) }
        #expect(error?.message.hasPrefix("Existing instance 'web/0' is using IP '10.0.2.10/32' in availability zone 'z2'") == true)
    }

    @Test func twoGroupsOnOneStaticIPAreRefusedInTheDirectorsWords() throws {
        let error = #expect(throws: SchedulerError.self) {
            try plan(web(1, azs: ["z1"], ips: ["10.0.2.10"]) + group("db", instances: 1, azs: ["z1"], network: "net", staticIPs: ["10.0.2.10"]), cloud: Self.cloud)
        }
        #expect(error?.message == "Failed to reserve IP '10.0.2.10/32' for instance 'db/new (0)': already reserved by instance 'web/new' from deployment 'test'")
    }
}
