import Testing
import ManifestModel
import Scheduler

/// What a VM learns about its subnet, and the addresses compilation VMs get.
@Suite struct SubnetDetailsTests {
    private func layout() throws -> NetworkLayout {
        try NetworkLayout(cloudConfig: try cloudConfig())
    }

    private func ip(_ text: String) throws -> IPv4Address { try #require(IPv4Address(text)) }

    @Test func netmaskGatewayAndDNSOfTheSubnetHoldingTheAddress() throws {
        let details = try #require(try layout().subnet(of: "default", containing: try ip("10.0.1.30")))
        #expect(details.netmask == "255.255.255.0")
        #expect(details.gateway == "10.0.1.1")
        #expect(details.dns == ["8.8.8.8"])
        let second = try #require(try layout().subnet(of: "default", containing: try ip("10.0.2.30")))
        #expect(second.gateway == "10.0.2.1")
        #expect(details.index == 0 && second.index == 1)
        #expect(second.dns.isEmpty)
    }

    @Test func noSubnetForAnAddressOutsideEveryRange() throws {
        #expect(try layout().subnet(of: "default", containing: try ip("192.168.0.1")) == nil)
        #expect(try layout().subnet(of: "missing", containing: try ip("10.0.1.30")) == nil)
    }

    @Test func dynamicAddressesSkipRestrictedStaticAndUsedOnes() throws {
        let used: Set<IPv4Address> = [try ip("10.0.1.21")]
        let free = try layout().dynamicAddresses(of: "default", az: "z1", excluding: used, count: 2)
        #expect(free.map(\.description) == ["10.0.1.22", "10.0.1.23"])
        let z2 = try layout().dynamicAddresses(of: "default", az: "z2", excluding: [], count: 1)
        #expect(z2.map(\.description) == ["10.0.2.21"])
        #expect(try layout().dynamicAddresses(of: "default", az: "z1", excluding: [], count: 0).isEmpty)
    }
}
