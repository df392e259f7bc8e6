import Testing
import Scheduler

/// Dynamic addresses are reserved in the director's instance plan order (`instance_plan_sorter.rb`, used by
/// `InstanceGroup#bind_instance_networks`): bootstrap, the rest of its AZ, then the other AZs by name; inside an
/// AZ existing instances by id. Issue #23, finding 1.
@Suite struct IPReservationOrderTests {
    /// One subnet serving z1 and z2 (no reserved range: the first dynamic address is .2).
    static let sharedSubnet = """
        azs: [{name: z1}, {name: z2}, {name: z3}]
        vm_types: [{name: small}]
        networks:
        - name: net
          type: manual
          subnets:
          - {range: 10.0.1.0/24, gateway: 10.0.1.1, azs: [z1, z2]}
          - {range: 10.0.3.0/24, gateway: 10.0.3.1, az: z3}
        """

    private func addresses(_ p: DeploymentPlan, _ g: Int = 0) -> [String] {
        p.instanceGroups[g].instances.map { "\($0.index)→\($0.az ?? "-") \($0.addresses[0].ip?.description ?? "")" }
    }

    @Test func aSubnetServingTwoAZsHandsOutAddressesAZByAZ() throws {
        // The issue's minimal case: the director gives 0→z1 .2, 1→z2 .4, 2→z1 .3.
        let p = try plan(group("web", instances: 3, azs: ["z1", "z2"], network: "net"), cloud: Self.sharedSubnet)
        #expect(addresses(p) == ["0→z1 10.0.1.2", "1→z2 10.0.1.4", "2→z1 10.0.1.3"])
    }

    @Test func groupsTakeTheirAddressesOneAfterAnother() throws {
        // Three groups over mixed AZs: each group in turn, each AZ by AZ.
        let p = try plan(
            group("a", instances: 3, azs: ["z1", "z2"], network: "net") + group("b", instances: 2, azs: ["z2", "z1"], network: "net")
                + group("c", instances: 4, azs: ["z1", "z2", "z3"], network: "net"),
            cloud: Self.sharedSubnet)
        #expect(addresses(p, 0) == ["0→z1 10.0.1.2", "1→z2 10.0.1.4", "2→z1 10.0.1.3"])
        #expect(addresses(p, 1) == ["0→z1 10.0.1.5", "1→z2 10.0.1.6"])
        #expect(addresses(p, 2) == ["0→z1 10.0.1.7", "1→z2 10.0.1.9", "2→z3 10.0.3.2", "3→z1 10.0.1.8"])
    }

    @Test func theBootstrapInstanceComesFirstWhateverItsAZ() throws {
        // Existing bootstrap web/1 in z2 and web/0 in z1, both without an address on the network yet (as after
        // adding the network): the bootstrap instance reserves first, although z1 sorts before z2.
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "b-uuid", az: "z1"),
            ExistingInstance(group: "web", index: 1, id: "a-uuid", az: "z2", bootstrap: true),
        ])
        let p = try plan(group("web", instances: 2, azs: ["z1", "z2"], network: "net"), state: state, cloud: Self.sharedSubnet)
        #expect(addresses(p) == ["0→z1 10.0.1.3", "1→z2 10.0.1.2"])
        #expect(p.instanceGroups[0].instances[1].bootstrap)
    }

    @Test func insideAnAZExistingInstancesGoByIdThenNewOnesByIndex() throws {
        // The director sorts an AZ by `group/uuid`: web/2 (id aaa) before web/1 (id bbb); the new web/3 has no UUID
        // yet (the director draws a random one), so any place is one the director may give it: BoshKit puts it last.
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "ccc", az: "z1", bootstrap: true),
            ExistingInstance(group: "web", index: 1, id: "bbb", az: "z1"),
            ExistingInstance(group: "web", index: 2, id: "aaa", az: "z1"),
        ])
        let p = try plan(group("web", instances: 4, azs: ["z1"], network: "net"), state: state, cloud: Self.sharedSubnet)
        #expect(addresses(p) == ["0→z1 10.0.1.2", "1→z1 10.0.1.4", "2→z1 10.0.1.3", "3→z1 10.0.1.5"])
    }

    @Test func keptAddressesStayAndNewOnesFillTheGapsInOrder() throws {
        // Bootstrap web/0 keeps .3 in z2; the new web/1 and web/2 both land in z1 and take .2 and .4.
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "uuid-0", az: "z2", addresses: ["net": IPv4Address("10.0.1.3")!], bootstrap: true)
        ])
        let p = try plan(group("web", instances: 3, azs: ["z1", "z2"], network: "net"), state: state, cloud: Self.sharedSubnet)
        #expect(addresses(p) == ["0→z2 10.0.1.3", "1→z1 10.0.1.2", "2→z1 10.0.1.4"])
    }

    @Test func exhaustionKeepsTheDirectorsSentence() throws {
        // Director (ip_provider.rb): "Failed to reserve IP for 'web/<uuid> (5)' for manual network 'net': no more
        // available"; BoshKit names a new instance 'web/new (5)' and adds the AZ after the sentence.
        let tiny = """
            azs: [{name: z1}]
            vm_types: [{name: small}]
            networks:
            - name: net
              subnets:
              - {range: 10.0.1.0/29, gateway: 10.0.1.1, az: z1}
            """
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 6, azs: ["z1"], network: "net"), cloud: tiny) }
        #expect(error?.message == "Failed to reserve IP for 'web/new (5)' for manual network 'net': no more available (availability zone 'z1')")
        #expect(error?.path == "/instance_groups/name=web/networks/name=net")
    }
}
