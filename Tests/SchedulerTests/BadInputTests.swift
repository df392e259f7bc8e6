import Foundation
import Testing
import Scheduler

/// Bad input: clear errors with the manifest path.
@Suite struct BadInputTests {
    @Test func unknownAZ() {
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 1, azs: ["z1", "z4"])) }
        #expect(error?.description == "manifest: /instance_groups/name=web/azs: Instance group 'web' references unknown availability zone 'z4' (the cloud config defines: z1, z2, z3)")
        #expect(error?.kind == .unknownReference)
    }

    @Test func unknownNetwork() {
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 1, network: "private")) }
        #expect(error?.path == "/instance_groups/name=web/networks/name=private")
        #expect(error?.message == "Instance group 'web' references unknown network 'private' (the cloud config defines: default, dhcp, public)")
    }

    @Test func unknownVMType() {
        let groups = group("web", instances: 1).replacingOccurrences(of: "vm_type: small", with: "vm_type: huge")
        let error = #expect(throws: SchedulerError.self) { try plan(groups) }
        #expect(error?.path == "/instance_groups/name=web/vm_type")
        #expect(error?.message == "Instance group 'web' references unknown vm type 'huge' (the cloud config defines: large, small)")
    }

    @Test func unknownDiskType() {
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 1, extra: "  persistent_disk_type: 1TB")) }
        #expect(error?.path == "/instance_groups/name=web/persistent_disk_type")
    }

    @Test func severalNetworksNeedOneDefault() {
        let groups = """
            - name: web
              instances: 1
              azs: [z1]
              jobs: []
              networks: [{name: default}, {name: dhcp}]
            """
        let error = #expect(throws: SchedulerError.self) { try plan(groups) }
        #expect(error?.message == "Instance group 'web' must specify which network is default for dns, since it has more than one network configured")
    }

    @Test func instanceCountsMustFitTheStaticIPs() {
        let error = #expect(throws: SchedulerError.self) { try plan(group("db", instances: 3, staticIPs: ["10.0.1.10", "10.0.2.10"])) }
        #expect(error?.description == "manifest: /instance_groups/name=db/networks/name=default/static_ips: Instance group 'db' has 3 instances but was allocated 2 static IPs in network 'default'")
    }

    @Test func anAZWithoutSubnetIsAnError() throws {
        let cloud = cloudConfigYAML.replacingOccurrences(of: "az: z3", with: "az: z2")
        let error = #expect(throws: SchedulerError.self) { try plan(group("web", instances: 3), cloud: cloud) }
        // Director (instance_group_availability_zone_parser.rb): refused before anything is placed.
        #expect(error?.message == "Instance group 'web' must specify availability zone that matches availability zones of network 'default'")
        #expect(error?.path == "/instance_groups/name=web/networks/name=default")
    }
}
