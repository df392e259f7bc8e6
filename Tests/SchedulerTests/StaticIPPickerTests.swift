import Testing
@testable import Scheduler

/// Static-IP placement against the director's `StaticIpsAvailabilityZonePicker`: each case was run through the
/// director's Ruby (`static_ips_availability_zone_picker.rb`, `networks_to_static_ips.rb`,
/// `bruteforce_ip_allocation.rb`, unchanged, with stub instance plans) on random inputs — the group's AZs in
/// random order, 1–5 static IPs from three subnets (`[z1, z2]`, `z1`, `[z3, z2]`), 0–3 existing instances in
/// random AZs each holding a listed IP, another pool address or none (never one another holds) — and records what it placed: per instance plan
/// `e<index>` (existing) or `new`, its AZ and its static IP, or `obsolete`; or the error it raised.
@Suite struct StaticIPPickerTests {
    enum Outcome {
        case placed([String])
        case failure(String)
    }

    struct Case {
        var azs: [String]
        var ips: [String]
        var existing: [(Int, String, String?)]
        var director: Outcome
    }

    static let cloud = """
        azs: [{name: z1}, {name: z2}, {name: z3}]
        networks:
        - name: net
          subnets:
          - {range: 10.0.1.0/24, gateway: 10.0.1.1, azs: [z1, z2], static: [10.0.1.10 - 10.0.1.15]}
          - {range: 10.0.2.0/24, gateway: 10.0.2.1, az: z1, static: [10.0.2.10 - 10.0.2.13]}
          - {range: 10.0.3.0/24, gateway: 10.0.3.1, azs: [z3, z2], static: [10.0.3.10 - 10.0.3.13]}
        """

    static let cases: [Case] = [
        Case(azs: ["z3","z1","z2"], ips: ["10.0.2.11","10.0.2.13"], existing: [(0, "z3", "10.0.2.11"), (1, "z3", nil)], director: .failure("Existing instance 'web/0' is using IP '10.0.2.11/32' in availability zone 'z3'")),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.3.13","10.0.2.13","10.0.2.11","10.0.1.13","10.0.2.12"], existing: [(0, "z3", "10.0.2.11")], director: .failure("Existing instance 'web/0' is using IP '10.0.2.11/32' in availability zone 'z3'")),
        Case(azs: ["z1","z2"], ips: ["10.0.2.13","10.0.1.10","10.0.3.11","10.0.1.15"], existing: [(0, "z1", "10.0.2.13"), (1, "z2", "10.0.1.15"), (2, "z2", "10.0.3.12")], director: .placed(["e0 z1 10.0.2.13","e1 z2 10.0.1.15","e2 z2 10.0.1.10","new z2 10.0.3.11"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.3.12","10.0.3.11","10.0.1.13","10.0.1.10"], existing: [], director: .placed(["new z3 10.0.3.12","new z2 10.0.3.11","new z1 10.0.1.13","new z1 10.0.1.10"])),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.2.11","10.0.1.13","10.0.3.11"], existing: [(0, "z3", "10.0.1.10"), (1, "z2", "10.0.3.13")], director: .placed(["e0 z3 10.0.3.11","e1 z2 10.0.1.13","new z1 10.0.2.11"])),
        Case(azs: ["z2","z3"], ips: ["10.0.3.10","10.0.1.10","10.0.3.13"], existing: [(0, "z3", "10.0.3.13")], director: .placed(["e0 z3 10.0.3.13","new z3 10.0.3.10","new z2 10.0.1.10"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.1.12","10.0.3.13","10.0.3.12","10.0.1.11","10.0.1.10"], existing: [(0, "z2", "10.0.3.11"), (1, "z3", nil), (2, "z3", "10.0.2.12")], director: .placed(["e0 z2 10.0.1.12","e1 z3 10.0.3.13","e2 z3 10.0.3.12","new z1 10.0.1.11","new z1 10.0.1.10"])),
        Case(azs: ["z3","z2","z1"], ips: ["10.0.1.15","10.0.3.10"], existing: [(0, "z1", "10.0.3.12"), (1, "z3", "10.0.3.10"), (2, "z2", "10.0.3.11")], director: .placed(["e1 z3 10.0.3.10","e0 z1 10.0.1.15","e2 obsolete"])),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.3.13","10.0.2.13","10.0.1.11","10.0.2.11","10.0.2.10"], existing: [], director: .placed(["new z3 10.0.3.13","new z1 10.0.2.13","new z2 10.0.1.11","new z1 10.0.2.11","new z1 10.0.2.10"])),
        Case(azs: ["z1","z3"], ips: ["10.0.3.13","10.0.1.12","10.0.1.14","10.0.1.13","10.0.1.15"], existing: [], director: .placed(["new z3 10.0.3.13","new z1 10.0.1.12","new z1 10.0.1.14","new z1 10.0.1.13","new z1 10.0.1.15"])),
        Case(azs: ["z3","z2"], ips: ["10.0.1.15","10.0.3.10","10.0.1.14"], existing: [(0, "z2", nil), (1, "z2", nil), (2, "z3", nil)], director: .placed(["e0 z2 10.0.1.15","e1 z2 10.0.3.10","e2 obsolete","new z2 10.0.1.14"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.1.13"], existing: [(0, "z3", "10.0.1.13")], director: .failure("Existing instance 'web/0' is using IP '10.0.1.13/32' in availability zone 'z3'")),
        Case(azs: ["z1","z2"], ips: ["10.0.3.11","10.0.1.10","10.0.1.12","10.0.3.12"], existing: [(0, "z1", "10.0.3.11")], director: .failure("Existing instance 'web/0' is using IP '10.0.3.11/32' in availability zone 'z1'")),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.2.13"], existing: [(0, "z1", "10.0.1.14"), (1, "z2", "10.0.1.12")], director: .placed(["e0 z1 10.0.2.13","e1 obsolete"])),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.2.12","10.0.2.13","10.0.1.14","10.0.1.15","10.0.1.13"], existing: [(0, "z1", "10.0.1.12")], director: .placed(["e0 z1 10.0.2.12","new z1 10.0.2.13","new z2 10.0.1.14","new z2 10.0.1.15","new z1 10.0.1.13"])),
        Case(azs: ["z2","z3"], ips: ["10.0.2.13","10.0.1.13","10.0.1.15","10.0.2.12"], existing: [], director: .failure("Instance group 'web' declares static ip '10.0.2.13/32' which does not belong to any of the instance group's availability zones.")),
        Case(azs: ["z1","z3"], ips: ["10.0.1.11","10.0.1.15","10.0.3.12","10.0.2.12","10.0.3.13"], existing: [], director: .placed(["new z1 10.0.1.11","new z1 10.0.1.15","new z3 10.0.3.12","new z1 10.0.2.12","new z3 10.0.3.13"])),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.3.11","10.0.3.12","10.0.1.10","10.0.1.11"], existing: [], director: .placed(["new z3 10.0.3.11","new z2 10.0.3.12","new z1 10.0.1.10","new z1 10.0.1.11"])),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.2.11","10.0.3.11","10.0.1.10","10.0.1.12"], existing: [(0, "z1", nil), (1, "z3", "10.0.1.11"), (2, "z3", "10.0.2.11")], director: .failure("Existing instance 'web/2' is using IP '10.0.2.11/32' in availability zone 'z3'")),
        Case(azs: ["z1","z3"], ips: ["10.0.1.13"], existing: [(0, "z1", "10.0.3.12"), (1, "z2", nil), (2, "z1", "10.0.1.13")], director: .placed(["e2 z1 10.0.1.13","e0 obsolete","e1 obsolete"])),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.3.10","10.0.1.10","10.0.3.13","10.0.1.14"], existing: [(0, "z3", nil), (1, "z3", "10.0.1.11"), (2, "z2", nil)], director: .placed(["e0 z3 10.0.3.10","e1 z3 10.0.3.13","e2 z2 10.0.1.10","new z1 10.0.1.14"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.1.13","10.0.3.13"], existing: [(0, "z1", nil)], director: .placed(["e0 z1 10.0.1.13","new z3 10.0.3.13"])),
        Case(azs: ["z1","z3","z2"], ips: ["10.0.3.13","10.0.2.12","10.0.1.15","10.0.2.10"], existing: [(0, "z3", nil), (1, "z2", nil)], director: .placed(["e0 z3 10.0.3.13","e1 z2 10.0.1.15","new z1 10.0.2.12","new z1 10.0.2.10"])),
        Case(azs: ["z2","z1"], ips: ["10.0.2.12","10.0.3.11","10.0.3.10","10.0.1.12","10.0.2.11"], existing: [(0, "z1", "10.0.3.11"), (1, "z1", "10.0.1.12")], director: .failure("Existing instance 'web/0' is using IP '10.0.3.11/32' in availability zone 'z1'")),
        Case(azs: ["z1","z2"], ips: ["10.0.1.12","10.0.1.11"], existing: [(0, "z1", "10.0.1.11")], director: .placed(["e0 z1 10.0.1.11","new z1 10.0.1.12"])),
        Case(azs: ["z1","z3","z2"], ips: ["10.0.1.10"], existing: [(0, "z1", "10.0.1.10")], director: .placed(["e0 z1 10.0.1.10"])),
        Case(azs: ["z3","z2"], ips: ["10.0.1.13","10.0.1.14","10.0.3.10"], existing: [(0, "z2", "10.0.3.10")], director: .placed(["e0 z2 10.0.3.10","new z2 10.0.1.13","new z2 10.0.1.14"])),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.2.13"], existing: [(0, "z3", nil), (1, "z2", "10.0.2.13"), (2, "z1", nil)], director: .failure("Existing instance 'web/1' is using IP '10.0.2.13/32' in availability zone 'z2'")),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.3.11","10.0.2.13","10.0.2.12","10.0.3.12","10.0.3.13"], existing: [(0, "z3", nil), (1, "z2", "10.0.3.12"), (2, "z1", "10.0.2.11")], director: .placed(["e1 z2 10.0.3.12","e0 z3 10.0.3.11","e2 z1 10.0.2.13","new z1 10.0.2.12","new z3 10.0.3.13"])),
        Case(azs: ["z1","z3","z2"], ips: ["10.0.1.12"], existing: [(0, "z3", "10.0.1.12"), (1, "z2", nil), (2, "z1", nil)], director: .failure("Existing instance 'web/0' is using IP '10.0.1.12/32' in availability zone 'z3'")),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.1.11","10.0.1.13","10.0.1.10","10.0.3.13","10.0.2.13"], existing: [], director: .placed(["new z1 10.0.1.11","new z2 10.0.1.13","new z1 10.0.1.10","new z3 10.0.3.13","new z1 10.0.2.13"])),
        Case(azs: ["z2","z1"], ips: ["10.0.2.11","10.0.2.12","10.0.1.13","10.0.1.12","10.0.1.15"], existing: [(0, "z2", "10.0.1.12")], director: .placed(["e0 z2 10.0.1.12","new z1 10.0.2.11","new z1 10.0.2.12","new z2 10.0.1.13","new z1 10.0.1.15"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.3.11","10.0.3.12","10.0.1.12"], existing: [], director: .placed(["new z3 10.0.3.11","new z2 10.0.3.12","new z1 10.0.1.12"])),
        Case(azs: ["z1","z3","z2"], ips: ["10.0.3.12","10.0.3.13","10.0.2.13"], existing: [], director: .placed(["new z3 10.0.3.12","new z2 10.0.3.13","new z1 10.0.2.13"])),
        Case(azs: ["z3","z1","z2"], ips: ["10.0.1.13","10.0.3.10","10.0.3.12"], existing: [(0, "z1", nil), (1, "z1", "10.0.3.10")], director: .failure("Existing instance 'web/1' is using IP '10.0.3.10/32' in availability zone 'z1'")),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.1.13"], existing: [(0, "z2", nil), (1, "z1", "10.0.1.13")], director: .placed(["e1 z1 10.0.1.13","e0 obsolete"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.3.10","10.0.2.12","10.0.3.12","10.0.1.13","10.0.1.14"], existing: [], director: .placed(["new z3 10.0.3.10","new z1 10.0.2.12","new z2 10.0.3.12","new z1 10.0.1.13","new z2 10.0.1.14"])),
        Case(azs: ["z1","z2"], ips: ["10.0.2.12","10.0.1.13","10.0.2.11","10.0.1.12"], existing: [(0, "z2", "10.0.1.10")], director: .placed(["e0 z2 10.0.1.13","new z1 10.0.2.12","new z1 10.0.2.11","new z2 10.0.1.12"])),
        Case(azs: ["z2","z3"], ips: ["10.0.2.13","10.0.3.11","10.0.3.12","10.0.3.13"], existing: [(0, "z3", "10.0.1.11")], director: .failure("Instance group 'web' declares static ip '10.0.2.13/32' which does not belong to any of the instance group's availability zones.")),
        Case(azs: ["z2","z3"], ips: ["10.0.2.11","10.0.1.12","10.0.1.11","10.0.2.12"], existing: [(0, "z3", nil)], director: .failure("Instance group 'web' declares static ip '10.0.2.11/32' which does not belong to any of the instance group's availability zones.")),
        Case(azs: ["z3","z2","z1"], ips: ["10.0.2.11","10.0.3.10","10.0.1.14","10.0.3.12"], existing: [(0, "z1", "10.0.3.10")], director: .failure("Existing instance 'web/0' is using IP '10.0.3.10/32' in availability zone 'z1'")),
        Case(azs: ["z2","z1"], ips: ["10.0.2.12","10.0.1.11"], existing: [], director: .placed(["new z1 10.0.2.12","new z2 10.0.1.11"])),
        Case(azs: ["z2","z3","z1"], ips: ["10.0.3.12","10.0.2.10","10.0.1.10","10.0.1.13"], existing: [(0, "z3", nil), (1, "z2", "10.0.1.10")], director: .placed(["e1 z2 10.0.1.10","e0 z3 10.0.3.12","new z1 10.0.2.10","new z1 10.0.1.13"])),
        Case(azs: ["z3","z2"], ips: ["10.0.1.11","10.0.3.13","10.0.1.15"], existing: [(0, "z3", "10.0.1.15"), (1, "z3", "10.0.2.10")], director: .failure("Existing instance 'web/0' is using IP '10.0.1.15/32' in availability zone 'z3'")),
        Case(azs: ["z3","z2","z1"], ips: ["10.0.2.10","10.0.2.12","10.0.1.13"], existing: [(0, "z2", nil), (1, "z2", "10.0.2.10"), (2, "z2", "10.0.2.12")], director: .failure("Existing instance 'web/1' is using IP '10.0.2.10/32' in availability zone 'z2'")),
        Case(azs: ["z3","z2","z1"], ips: ["10.0.1.14"], existing: [(0, "z1", "10.0.1.15")], director: .placed(["e0 z1 10.0.1.14"])),
        Case(azs: ["z3","z1"], ips: ["10.0.1.15","10.0.2.13","10.0.1.10","10.0.1.13","10.0.3.11"], existing: [(0, "z2", "10.0.3.11"), (1, "z2", "10.0.3.13"), (2, "z1", nil)], director: .failure("Existing instance 'web/0' is using IP '10.0.3.11/32' in availability zone 'z2'")),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.2.13","10.0.3.12","10.0.3.13"], existing: [], director: .placed(["new z1 10.0.2.13","new z3 10.0.3.12","new z2 10.0.3.13"])),
        Case(azs: ["z1","z2","z3"], ips: ["10.0.2.12","10.0.1.11","10.0.2.13","10.0.1.10"], existing: [(0, "z3", "10.0.1.15"), (1, "z3", "10.0.3.10")], director: .placed(["e0 obsolete","e1 obsolete","new z1 10.0.2.12","new z2 10.0.1.11","new z1 10.0.2.13","new z2 10.0.1.10"])),
        Case(azs: ["z2","z3"], ips: ["10.0.2.10","10.0.3.13","10.0.2.13","10.0.1.12","10.0.1.10"], existing: [(0, "z2", "10.0.2.13")], director: .failure("Instance group 'web' declares static ip '10.0.2.10/32' which does not belong to any of the instance group's availability zones.")),
        Case(azs: ["z2","z1"], ips: ["10.0.1.13","10.0.3.13"], existing: [(0, "z2", "10.0.1.10"), (1, "z2", nil)], director: .placed(["e0 z2 10.0.1.13","e1 z2 10.0.3.13"])),
        Case(azs: ["z2","z3"], ips: ["10.0.2.10","10.0.1.11","10.0.1.15","10.0.1.13","10.0.2.11"], existing: [(0, "z2", "10.0.1.10"), (1, "z1", "10.0.2.11"), (2, "z3", "10.0.1.11")], director: .failure("Instance group 'web' declares static ip '10.0.2.10/32' which does not belong to any of the instance group's availability zones.")),
        Case(azs: ["z2","z1"], ips: ["10.0.3.11","10.0.1.11","10.0.2.11","10.0.3.13","10.0.1.14"], existing: [], director: .placed(["new z2 10.0.3.11","new z1 10.0.1.11","new z1 10.0.2.11","new z2 10.0.3.13","new z1 10.0.1.14"])),
        Case(azs: ["z3","z2"], ips: ["10.0.1.13"], existing: [(0, "z3", "10.0.1.11"), (1, "z2", "10.0.3.10")], director: .placed(["e0 obsolete","e1 z2 10.0.1.13"])),
        Case(azs: ["z1","z3"], ips: ["10.0.1.12","10.0.2.13","10.0.3.13","10.0.1.11"], existing: [(0, "z1", "10.0.2.12"), (1, "z1", "10.0.1.12"), (2, "z3", "10.0.1.11")], director: .failure("Existing instance 'web/2' is using IP '10.0.1.11/32' in availability zone 'z3'")),
        Case(azs: ["z1","z2"], ips: ["10.0.2.13","10.0.2.10","10.0.1.13"], existing: [], director: .placed(["new z1 10.0.2.13","new z1 10.0.2.10","new z2 10.0.1.13"])),
        Case(azs: ["z2","z1"], ips: ["10.0.1.12","10.0.1.13","10.0.3.11","10.0.1.14","10.0.2.10"], existing: [(0, "z1", "10.0.1.14")], director: .placed(["e0 z1 10.0.1.14","new z1 10.0.1.12","new z2 10.0.1.13","new z2 10.0.3.11","new z1 10.0.2.10"])),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.3.13"], existing: [], director: .placed(["new z3 10.0.3.13"])),
        Case(azs: ["z1","z2","z3"], ips: ["10.0.1.12","10.0.2.11","10.0.3.11","10.0.1.15"], existing: [(0, "z1", "10.0.2.11"), (1, "z3", nil), (2, "z1", nil)], director: .placed(["e0 z1 10.0.2.11","e1 z3 10.0.3.11","e2 z1 10.0.1.12","new z2 10.0.1.15"])),
        Case(azs: ["z2","z1","z3"], ips: ["10.0.2.11","10.0.2.13"], existing: [(0, "z3", nil), (1, "z1", nil), (2, "z3", "10.0.2.11")], director: .failure("Existing instance 'web/2' is using IP '10.0.2.11/32' in availability zone 'z3'")),
    ]

    @Test func placementMatchesTheDirector() throws {
        let layout = try NetworkLayout(cloudConfig: try cloudConfig(Self.cloud))
        for c in Self.cases {
            let existing = c.existing.map { index, az, ip in
                ExistingInstance(group: "web", index: index, id: "uuid-\(index)", az: az, addresses: ip.map { ["net": IPv4Address($0)!] })
            }
            let network = AZPlacement.StaticNetwork(name: "net", ips: c.ips.map { IPv4Address($0)! }, path: "/static_ips")
            let result = Result {
                try AZPlacement.place(count: c.ips.count, azs: c.azs, existing: existing, staticNetworks: [network], layout: layout, group: "web")
            }
            switch (c.director, result) {
            case (.placed(let plans), .success(let placed)):
                let kept = plans.filter { !$0.hasSuffix("obsolete") }
                let gone = Set(plans.filter { $0.hasSuffix("obsolete") })
                let ours = placed.slots.map { slot in
                    "\(slot.existing.map { "e\($0.index)" } ?? "new") \(slot.az ?? "-") \(slot.staticIPs["net"]?.description ?? "")"
                }
                #expect(ours == kept, "\(c.azs) \(c.ips) \(c.existing)")
                #expect(Set(placed.obsolete.map { "e\($0.index) obsolete" }) == gone, "\(c.azs) \(c.ips) \(c.existing)")
            case (.failure(let message), .failure(let error)):
                #expect((error as? SchedulerError)?.message.hasPrefix(message) == true, "\(message) vs \(error)")
            case (let director, let ours):
                Issue.record("director \(director), BoshKit \(ours) for \(c.azs) \(c.ips) \(c.existing)")
            }
        }
    }
}
