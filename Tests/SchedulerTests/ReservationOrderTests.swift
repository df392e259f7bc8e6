import Testing
@testable import Scheduler

/// ``ReservationOrder`` against the director's `InstancePlanSorter`: each case is a group's existing instances
/// (AZ, UUID, bootstrap) and the order the director's Ruby (`instance_plan_sorter.rb`, unchanged) put them in,
/// on random inputs of 1–8 instances over `z1`, `z2`, `z3`, `z10` or no AZ, with or without a bootstrap instance.
/// (New instances are left out: the director sorts them by UUIDs it draws at random.)
@Suite struct ReservationOrderTests {
    static let cases: [([(String?, String, Bool)], [Int])] = [
        ([("z3", "9643", false), ("z10", "0397", false), ("z10", "855c", false), ("z2", "dd8e", false), ("z10", "6e48", false), ("z2", "f16e", true), ("z3", "6ada", false), ("z1", "4ca7", false)], [5, 3, 7, 1, 4, 2, 6, 0]),
        ([("z10", "5bac", false), ("z1", "344b", false), ("z10", "e8fa", false), ("z3", "1f13", false), ("z1", "6c2c", true)], [4, 1, 0, 2, 3]),
        ([("z2", "fc70", true)], [0]),
        ([("z1", "b8c9", false), ("z3", "7a26", false), ("z1", "79ee", false), ("z2", "3f57", false), ("z10", "64c3", false), ("z1", "7f53", false)], [2, 5, 0, 4, 3, 1]),
        ([("z3", "179f", false), ("z2", "abac", false)], [1, 0]),
        ([("z3", "aae9", false), ("z10", "35c0", false), ("z2", "d587", false), ("z10", "c05c", false), ("z10", "04e0", true)], [4, 1, 3, 2, 0]),
        ([("z10", "df7b", true), ("z10", "51e1", false), ("z10", "3b9b", false), ("z1", "8313", false), ("z2", "ac7b", false)], [0, 2, 1, 3, 4]),
        ([("z2", "f77f", false), ("z10", "b482", false), ("z10", "0fb2", false), ("z3", "b815", false), ("z10", "2e43", false), ("z10", "f7ba", false)], [2, 4, 1, 5, 0, 3]),
        ([(nil, "dee9", false), (nil, "d189", false), (nil, "834c", false), (nil, "d743", true), (nil, "926e", false)], [3, 2, 4, 1, 0]),
        ([("z10", "733b", false), ("z10", "a730", false), ("z1", "a72b", true), ("z1", "15da", false), ("z3", "ce36", false)], [2, 3, 0, 1, 4]),
        ([("z3", "d027", false), ("z10", "4d9d", false), ("z1", "b1cc", false), ("z10", "3f1d", false), ("z1", "2236", false), ("z3", "6175", false), ("z3", "ee95", true), ("z1", "2bdb", false)], [6, 5, 0, 4, 7, 2, 3, 1]),
        ([("z2", "4864", true), ("z1", "c3e9", false)], [0, 1]),
        ([("z1", "08be", true), ("z3", "b6e2", false), ("z1", "5286", false), ("z1", "67a2", false), ("z10", "a06a", false), ("z3", "1774", false)], [0, 2, 3, 4, 5, 1]),
        ([("z2", "fc05", true), ("z10", "4031", false), ("z3", "954c", false), ("z2", "d3e8", false), ("z1", "e0b6", false), ("z10", "79a5", false)], [0, 3, 4, 1, 5, 2]),
        ([(nil, "b9db", false), (nil, "3a4c", false), (nil, "80e9", false), (nil, "f94b", false), (nil, "fb06", true), (nil, "2f78", false), (nil, "98e1", false), (nil, "71d5", false)], [4, 5, 1, 7, 2, 6, 0, 3]),
        ([("z1", "8733", false), ("z10", "e4b7", false), ("z2", "3f8c", false), ("z1", "4f6d", false), ("z1", "36c7", false), ("z2", "26ba", false), ("z2", "d4e6", true)], [6, 5, 2, 4, 3, 0, 1]),
        ([("z10", "579c", true), ("z1", "9f85", false), ("z10", "5e4d", false), ("z1", "6a75", false)], [0, 2, 3, 1]),
        ([("z10", "598e", true), ("z2", "7369", false), ("z3", "cb60", false), ("z3", "fc5f", false), ("z1", "e8b7", false), ("z3", "6392", false)], [0, 4, 1, 5, 2, 3]),
        ([("z10", "0801", false), ("z10", "338e", false)], [0, 1]),
        ([("z3", "a4a1", true)], [0]),
        ([("z1", "19cd", false), ("z3", "bd0a", false), ("z3", "75b4", false), ("z3", "5a1b", true)], [3, 2, 1, 0]),
        ([(nil, "6a64", true)], [0]),
        ([("z3", "cd2a", false), ("z1", "7a07", false), ("z2", "e88f", false), ("z1", "8cd2", false), ("z10", "bbec", false)], [1, 3, 4, 2, 0]),
        ([("z3", "a9b8", false)], [0]),
        ([("z2", "d395", false)], [0]),
        ([("z1", "4328", false), ("z1", "b045", false)], [0, 1]),
        ([(nil, "af3d", false), (nil, "816e", false), (nil, "d9ea", false), (nil, "09b4", false)], [3, 1, 0, 2]),
        ([("z10", "b73a", false), ("z3", "7eb0", false), ("z3", "822f", false), ("z3", "43be", false), ("z2", "dcd3", false), ("z2", "c44d", false), ("z1", "8443", false), ("z10", "de31", false)], [6, 0, 7, 5, 4, 3, 1, 2]),
        ([(nil, "1c44", true), (nil, "f0e6", false)], [0, 1]),
        ([("z3", "384e", false), ("z1", "c9ab", true), ("z1", "cd90", false), ("z2", "067a", false)], [1, 2, 3, 0]),
        ([("z2", "4208", false)], [0]),
        ([("z3", "f0b8", false), ("z2", "4622", true), ("z1", "a104", false), ("z1", "5537", false), ("z1", "e32b", false), ("z2", "b912", false), ("z1", "6a95", false)], [1, 5, 3, 6, 2, 4, 0]),
        ([(nil, "8bc5", true), (nil, "cf67", false)], [0, 1]),
        ([("z2", "5590", false), ("z3", "e4f6", false), ("z3", "cc44", false), ("z3", "a866", false), ("z2", "d5c2", false), ("z1", "4b36", false)], [5, 0, 4, 3, 2, 1]),
        ([("z10", "cc10", false), ("z3", "157c", false), ("z2", "a068", false), ("z2", "1849", false), ("z1", "92b7", false), ("z10", "a4ce", true)], [5, 0, 4, 3, 2, 1]),
        ([("z3", "a4f1", true), ("z3", "5509", false), ("z10", "8e0f", false), ("z1", "fea0", false), ("z10", "0795", false), ("z3", "0dd4", false), ("z1", "d0d4", false)], [0, 5, 1, 6, 3, 4, 2]),
        ([("z10", "0c8b", false), ("z1", "e9c8", false), ("z2", "8eab", true), ("z2", "3ac7", false), ("z2", "ab07", false), ("z2", "d87e", false)], [2, 3, 4, 5, 1, 0]),
        ([(nil, "61b2", false), (nil, "48e3", true), (nil, "1b7e", false), (nil, "eb51", false), (nil, "5621", false), (nil, "cb08", false), (nil, "eb74", false), (nil, "d2cf", false)], [1, 2, 4, 0, 5, 7, 3, 6]),
        ([("z3", "4867", false), ("z1", "3a48", true), ("z2", "4498", false), ("z1", "d6b1", false)], [1, 3, 2, 0]),
        ([("z3", "a151", true), ("z10", "e881", false), ("z2", "3325", false), ("z3", "c1f0", false)], [0, 3, 1, 2]),
    ]

    @Test func existingInstancesGoInTheDirectorsOrder() {
        for (members, expected) in Self.cases {
            let order = ReservationOrder.order(members.enumerated().map { i, m in
                ReservationOrder.Member(az: m.0, id: m.1, index: i, bootstrap: m.2)
            })
            #expect(order == expected, "\(members)")
        }
    }

    /// The director updates a group's instances in the same order (`InstanceGroup#sorted_instance_plans`), which
    /// decides the canaries: the update plan sorts existing instances by id inside each AZ too.
    @Test func updatesGoInTheDirectorsOrder() {
        for (members, expected) in Self.cases {
            let targets = members.enumerated().map { i, m in
                UpdateTarget(group: "web", index: i, id: m.1, az: m.0, bootstrap: m.2, change: InstanceChange(action: .update))
            }
            #expect(UpdatePlanner.updateOrder(targets) == expected, "\(members)")
        }
        let mixed = [
            UpdateTarget(group: "web", index: 0, id: "b", az: "z1", bootstrap: true, change: InstanceChange(action: .update)),
            UpdateTarget(group: "web", index: 1, id: nil, az: "z1", bootstrap: false, change: InstanceChange(action: .create)),
            UpdateTarget(group: "web", index: 2, id: "a", az: "z1", bootstrap: false, change: InstanceChange(action: .update)),
            UpdateTarget(group: "web", index: 3, id: "c", az: "z1", bootstrap: false, change: InstanceChange(action: .update)),
        ]
        #expect(UpdatePlanner.updateOrder(mixed) == [0, 2, 3, 1])
    }

    @Test func newInstancesFollowTheExistingOnesOfTheirAZByIndex() {
        let members = [
            ReservationOrder.Member(az: "z2", id: nil, index: 3, bootstrap: false),
            ReservationOrder.Member(az: "z1", id: nil, index: 2, bootstrap: false),
            ReservationOrder.Member(az: "z2", id: "b", index: 0, bootstrap: true),
            ReservationOrder.Member(az: "z1", id: "a", index: 1, bootstrap: false),
            ReservationOrder.Member(az: "z2", id: nil, index: 4, bootstrap: false),
        ]
        #expect(ReservationOrder.order(members) == [2, 0, 4, 3, 1])
    }
}
