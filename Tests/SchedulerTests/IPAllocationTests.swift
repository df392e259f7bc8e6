import Foundation
import Testing
import ManifestModel
import Scheduler

/// Address planning, as the director's IP provider specs describe it
/// (`ip_provider/ip_provider_spec.rb`, `ip_repo_spec.rb`, `manual_network_subnet_spec.rb`).
@Suite struct IPAllocationTests {
    private func ips(_ p: DeploymentPlan, _ group: Int = 0) -> [String] {
        p.instanceGroups[group].instances.map { $0.addresses[0].ip?.description ?? "dynamic" }
    }

    @Test func dynamicAddressesSkipGatewayReservedAndStaticPool() throws {
        // Director: 10.0.0.0/24, gateway .1, reserved .2-.9, static .10-.20 -> first dynamic .21, then .22.
        let p = try plan(group("web", instances: 2, azs: ["z1"]))
        #expect(ips(p) == ["10.0.1.21", "10.0.1.22"])
        #expect(p.instanceGroups[0].instances.allSatisfy { $0.addresses[0].kind == .dynamic })
    }

    @Test func eachAZTakesAddressesFromItsOwnSubnet() throws {
        let p = try plan(group("web", instances: 3))
        #expect(ips(p) == ["10.0.1.21", "10.0.2.21", "10.0.3.21"])
    }

    @Test func addressesAreUniqueAcrossGroups() throws {
        let p = try plan(group("a", instances: 2, azs: ["z1"]) + group("b", instances: 2, azs: ["z1"]))
        #expect(ips(p, 0) + ips(p, 1) == ["10.0.1.21", "10.0.1.22", "10.0.1.23", "10.0.1.24"])
    }

    @Test func existingInstancesKeepTheirAddresses() throws {
        let state = DeploymentState(instances: [existing("web", 0, "z1", ip: "10.0.1.77")])
        let p = try plan(group("web", instances: 2, azs: ["z1"]), state: state)
        #expect(ips(p) == ["10.0.1.77", "10.0.1.21"])
        #expect(p.instanceGroups[0].instances[0].change.action == InstanceChange.Action.none)
    }

    @Test func addressesUsedByOtherDeploymentsAreNeverHandedOut() throws {
        let state = DeploymentState(usedElsewhere: ["default": [IPv4Address("10.0.1.21")!]])
        #expect(ips(try plan(group("web", instances: 1, azs: ["z1"]), state: state)) == ["10.0.1.22"])
    }

    @Test func exhaustionIsTheDirectorsSentenceWithTheAZAfterIt() throws {
        let small = cloudConfigYAML.replacingOccurrences(of: "10.0.1.0/24", with: "10.0.1.0/27")
            .replacingOccurrences(of: "static: [10.0.1.10 - 10.0.1.20]", with: "static: [10.0.1.10 - 10.0.1.28]")
        // .0 network, .1 gateway, .2-.9 reserved, .10-.28 static, .31 broadcast: only .29 and .30 are dynamic.
        #expect(ips(try plan(group("web", instances: 2, azs: ["z1"]), cloud: small)) == ["10.0.1.29", "10.0.1.30"])
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 3, azs: ["z1"]), cloud: small) }
        #expect(error?.kind == .ipAllocation)
        // Director (ip_provider.rb): "Failed to reserve IP for 'web/<uuid> (2)' …"; a new instance has no UUID yet.
        #expect(error?.message == "Failed to reserve IP for 'web/new (2)' for manual network 'default': no more available (availability zone 'z1')")
        #expect(error?.path == "/instance_groups/name=web/networks/name=default")
    }

    @Test func dynamicNetworksLeaveAddressesToTheIaaS() throws {
        let p = try plan(group("web", instances: 2, network: "dhcp"))
        #expect(p.instanceGroups[0].instances.allSatisfy { $0.addresses[0].kind == .iaas && $0.addresses[0].ip == nil })
    }

    @Test func vipNetworksUseTheGivenStaticIPs() throws {
        let groups = """
            - name: router
              instances: 2
              azs: [z1, z2]
              vm_type: small
              jobs: [{name: gorouter, release: app}]
              networks:
              - {name: default, default: [dns, gateway]}
              - {name: public, static_ips: [203.0.113.5, 203.0.113.6]}
            """
        let p = try plan(groups)
        #expect(p.instanceGroups[0].instances.map { $0.addresses[1].description } == ["public=203.0.113.5", "public=203.0.113.6"])
    }

    @Test func staticIPsDecideTheAZ() throws {
        // Director's StaticIpsAvailabilityZonePicker: the subnet holding each IP gives its instance's AZ.
        let p = try plan(group("db", instances: 3, staticIPs: ["10.0.3.10", "10.0.1.10", "10.0.1.11"]))
        let db = p.instanceGroups[0]
        #expect(db.instances.map(\.az) == ["z3", "z1", "z1"])
        #expect(db.instances.map { $0.addresses[0].kind } == [.static, .static, .static])
    }

    @Test func staticIPRangesAreExpanded() throws {
        let p = try plan(group("db", instances: 3, azs: ["z2"], staticIPs: ["10.0.2.10 - 10.0.2.12"]))
        #expect(ips(p) == ["10.0.2.10", "10.0.2.11", "10.0.2.12"])
    }

    @Test func existingInstancesKeepTheirStaticIPs() throws {
        let state = DeploymentState(instances: [existing("db", 0, "z2", ip: "10.0.2.11")])
        let db = try plan(group("db", instances: 2, staticIPs: ["10.0.1.10", "10.0.2.11"]), state: state).instanceGroups[0]
        let kept = db.instances.first { $0.id == "db-0-uuid" }
        #expect(kept?.addresses[0].ip?.description == "10.0.2.11")
        #expect(kept?.az == "z2")
        #expect(db.instances.first { $0.id == nil }?.az == "z1")
    }

    @Test func aStaticIPMoveReusesTheInstanceInTheSameAZ() throws {
        // Director: an instance whose IP is no longer listed keeps its VM if a new IP fits its AZ (network change).
        let state = DeploymentState(instances: [existing("db", 0, "z1", ip: "10.0.1.10")])
        let db = try plan(group("db", instances: 1, staticIPs: ["10.0.1.15"]), state: state).instanceGroups[0]
        #expect(db.instances[0].id == "db-0-uuid")
        #expect(db.instances[0].addresses[0].ip?.description == "10.0.1.15")
        #expect(db.obsolete.isEmpty)
    }

    @Test func moreStaticIPsThanInstancesIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) { try plan(group("db", instances: 1, staticIPs: ["10.0.1.10", "10.0.1.11"])) }
        #expect(error?.message == "Instance group 'db' has 1 instances but was allocated 2 static IPs in network 'default'")
        #expect(error?.path == "/instance_groups/name=db/networks/name=default/static_ips")
    }

    @Test func aStaticIPOutsideEverySubnetIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) { try plan(group("db", instances: 1, staticIPs: ["192.168.0.10"])) }
        #expect(error?.kind == .ipAllocation)
        #expect(error?.message == "Instance group 'db' with network 'default' declares static ip '192.168.0.10/32', which belongs to no subnet")
    }

    @Test func aStaticIPInAnAZTheGroupDoesNotUseIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) { try plan(group("db", instances: 1, azs: ["z1"], staticIPs: ["10.0.2.10"])) }
        #expect(error?.kind == .placement)
    }

    @Test func aStaticIPInTheReservedRangeIsAnError() throws {
        // The director looks static IPs up in the subnets' static pools first (networks_to_static_ips.rb), and
        // a static pool never overlaps the reserved range.
        let error = #expect(throws: SchedulerError.self) { try plan(group("db", instances: 1, azs: ["z1"], staticIPs: ["10.0.1.5"])) }
        #expect(error?.message == "Instance group 'db' with network 'default' declares static ip '10.0.1.5/32', which belongs to no subnet")
    }

    @Test func twoGroupsAskingForTheSameStaticIPIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) {
            try plan(group("a", instances: 1, azs: ["z1"], staticIPs: ["10.0.1.10"]) + group("b", instances: 1, azs: ["z1"], staticIPs: ["10.0.1.10"]))
        }
        #expect(error?.message == "Failed to reserve IP '10.0.1.10/32' for instance 'b/new (0)': already reserved by instance 'a/new' from deployment 'test'")
    }
}

/// Cloud-config network checks (`manual_network_subnet_spec.rb`, `manual_network_spec.rb`).
@Suite struct NetworkLayoutTests {
    private func layoutError(_ subnets: String) -> SchedulerError? {
        let yaml = "networks:\n- name: net\n  subnets:\n" + subnets
        return #expect(throws: SchedulerError.self) { _ = try NetworkLayout(cloudConfig: try cloudConfig(yaml)) }
    }

    @Test func anUnparsableRangeIsAnError() {
        let e = layoutError("  - {range: 10.0.0.0/33, gateway: 10.0.0.1}\n")
        #expect(e?.path == "/networks/name=net/subnets/0/range")
        #expect(e?.document == "cloud-config")
        #expect(e?.message.hasPrefix("Invalid network range '10.0.0.0/33' in network 'net'") == true)
    }

    @Test func aRangeOfOneAddressIsAnError() {
        #expect(layoutError("  - {range: 10.0.0.0/32, gateway: 10.0.0.0}\n")?.kind == .invalidNetwork)
    }

    @Test func overlappingSubnetsAreAnError() {
        let e = layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.0.1}\n  - {range: 10.0.0.128/25, gateway: 10.0.0.129}\n")
        #expect(e?.message == "Network 'net' has overlapping subnets (subnets 0 and 1)")
        #expect(e?.path == "/networks/name=net/subnets/1/range")
    }

    @Test func aGatewayOutsideTheRangeIsAnError() {
        #expect(layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.1.1}\n")?.path == "/networks/name=net/subnets/0/gateway")
    }

    @Test func theBroadcastAddressIsNotAGateway() {
        #expect(layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.0.255}\n")?.kind == .invalidNetwork)
    }

    @Test func staticAddressesInTheReservedRangeAreAnError() {
        let e = layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.0.1, reserved: [10.0.0.2-10.0.0.9], static: [10.0.0.5]}\n")
        #expect(e?.message == "Static IP '10.0.0.5' is in network 'net' reserved range")
    }

    @Test func staticAddressesOutsideTheRangeAreAnError() {
        let e = layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.0.1, static: [10.0.1.5]}\n")
        #expect(e?.message == "Static IP '10.0.1.5' is out of network 'net' range 10.0.0.0/24")
    }

    @Test func uninterpolatedPlaceholdersAreNamed() {
        let e = layoutError("  - {range: 10.0.0.0/24, gateway: 10.0.0.1, reserved: ((reserved_ips))}\n")
        #expect(e?.message.contains("((reserved_ips))") == true)
        #expect(e?.path == "/networks/name=net/subnets/0/reserved")
    }

    @Test func addressesParseStrictly() {
        #expect(IPv4Address("10.0.0.1")?.description == "10.0.0.1")
        #expect(IPv4Address("10.0.0.256") == nil)
        #expect(IPv4Address("10.0.0") == nil)
        #expect(IPv4Address("10..0.1") == nil)
        #expect(IPv4Address("a.b.c.d") == nil)
    }
}
