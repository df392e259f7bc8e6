import Testing
import Scheduler

/// AZ placement, as the director's placement planner specs describe it
/// (`deployment_plan/placement_planner/availability_zone_picker_spec.rb`, `plan_spec.rb`).
@Suite struct PlacementTests {
    @Test func newInstancesAreBalancedWithTiesToTheLowestAZName() throws {
        // Director: 5 new instances over [z1, z2, z3] -> z1, z2, z3, z1, z2.
        let p = try plan(group("web", instances: 5))
        let web = p.instanceGroups[0]
        #expect(web.instances.map(\.az) == ["z1", "z2", "z3", "z1", "z2"])
        #expect(web.instances.map(\.index) == [0, 1, 2, 3, 4])
        #expect(web.instances.allSatisfy { $0.change.action == .create })
        #expect(web.instances.filter(\.bootstrap).map(\.index) == [0])
    }

    @Test func scalingUpKeepsExistingInstancesAndFillsTheEmptiestAZ() throws {
        // Director: existing instances are reused in place; new ones go where there are fewest.
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z1"), existing("web", 2, "z2")])
        let web = try plan(group("web", instances: 5), state: state).instanceGroups[0]
        #expect(web.azCounts == ["z1": 2, "z2": 2, "z3": 1])
        #expect(Set(web.instances.compactMap(\.id)) == ["web-0-uuid", "web-1-uuid", "web-2-uuid"])
        #expect(web.instances.filter { $0.id == nil }.map(\.index) == [3, 4])
        #expect(web.obsolete.isEmpty)
    }

    @Test func scalingDownDeletesOneInstanceAndKeepsBalance() throws {
        // Director: 3 -> 2 with one instance per AZ and no disks: two AZs keep theirs, the third is obsolete.
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z2"), existing("web", 2, "z3")])
        let web = try plan(group("web", instances: 2), state: state).instanceGroups[0]
        #expect(web.instances.count == 2)
        #expect(web.instances.allSatisfy { $0.id != nil })
        #expect(Set(web.instances.compactMap(\.az)).count == 2)
        #expect(web.obsolete.count == 1)
        #expect(web.obsolete[0].change.action == .delete)
    }

    @Test func scalingDownAnUnbalancedGroupRemovesFromTheFullestAZ() throws {
        let state = DeploymentState(instances: [
            existing("web", 0, "z1"), existing("web", 1, "z1"), existing("web", 2, "z1"), existing("web", 3, "z2"),
        ])
        let web = try plan(group("web", instances: 2, azs: ["z1", "z2"]), state: state).instanceGroups[0]
        #expect(web.azCounts == ["z1": 1, "z2": 1])
        #expect(Set(web.instances.compactMap(\.id)) == ["web-0-uuid", "web-3-uuid"])
        #expect(web.obsolete.map(\.index) == [1, 2])
    }

    @Test func removingAnAZMovesItsInstancesToTheRemainingAZs() throws {
        // Director: instances in an AZ no longer listed are obsolete; replacements are new instances.
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z2"), existing("web", 2, "z3")])
        let web = try plan(group("web", instances: 3, azs: ["z1", "z2"]), state: state).instanceGroups[0]
        #expect(web.azCounts == ["z1": 2, "z2": 1])
        #expect(web.obsolete.map(\.az) == ["z3"])
        #expect(web.instances.first { $0.id == nil }?.index == 2)  // the freed index is reused
    }

    @Test func instancesWithPersistentDisksKeepTheirAZOverBalance() throws {
        // Director: existing instances with a persistent disk are placed before balancing.
        let state = DeploymentState(instances: [
            existing("db", 0, "z1", disk: true), existing("db", 1, "z1", disk: true), existing("db", 2, "z1", disk: true),
        ])
        let db = try plan(group("db", instances: 3, azs: ["z1", "z2"]), state: state).instanceGroups[0]
        #expect(db.azCounts == ["z1": 3])
        #expect(db.obsolete.isEmpty)
        #expect(db.instances.allSatisfy { $0.change.action != .create })
    }

    @Test func newIndexesFillGaps() throws {
        // Director's IndexAssigner: indexes [0, 1, 3] exist -> the new instance gets 2.
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z2"), existing("web", 3, "z3")])
        let web = try plan(group("web", instances: 4), state: state).instanceGroups[0]
        #expect(web.instances.map(\.index) == [0, 1, 2, 3])
        #expect(web.instances[2].id == nil)
    }

    @Test func theExistingBootstrapInstanceStaysBootstrap() throws {
        let state = DeploymentState(instances: [existing("web", 0, "z1"), existing("web", 1, "z2", bootstrap: true)])
        let web = try plan(group("web", instances: 3), state: state).instanceGroups[0]
        #expect(web.instances.filter(\.bootstrap).map(\.index) == [1])
    }

    @Test func ignoredInstancesStayAndAreNeverUpdated() throws {
        var ignored = existing("web", 0, "z3")
        ignored.ignored = true
        let web = try plan(group("web", instances: 2), state: DeploymentState(instances: [ignored]), options: PlanOptions(recreate: true)).instanceGroups[0]
        #expect(web.instances.first { $0.ignored }?.az == "z3")
        #expect(web.instances.first { $0.ignored }?.change.action == InstanceChange.Action.none)
    }

    @Test func removingTheAZOfAnIgnoredInstanceIsAnError() throws {
        var ignored = existing("web", 0, "z3")
        ignored.ignored = true
        #expect(throws: SchedulerError.self) { try plan(group("web", instances: 2, azs: ["z1"]), state: DeploymentState(instances: [ignored])) }
    }

    @Test func placementIsDeterministic() throws {
        let state = DeploymentState(instances: [existing("web", 0, "z2"), existing("web", 4, "z3")])
        let a = try plan(group("web", instances: 7), state: state)
        let b = try plan(group("web", instances: 7), state: state)
        #expect(a == b)
    }

    @Test func removedInstanceGroupsAreDeletedFirst() throws {
        let state = DeploymentState(instances: [existing("old", 0, "z1"), existing("web", 0, "z1")])
        let p = try plan(group("web", instances: 1), state: state)
        #expect(p.update.preCleanup.map(\.description) == ["old/0"])
    }
}
