import Testing
import ManifestModel
import Scheduler

/// The update plan, as the director's updater specs describe it (`numerical_value_calculator_spec.rb`,
/// `multi_instance_group_updater_spec.rb`, `instance_group_updater_spec.rb`, `instance_plan_sorter_spec.rb`).
@Suite struct UpdatePlanTests {
    private func update(_ groups: String, update: String, state: DeploymentState = .empty) throws -> UpdatePlan {
        try DeploymentPlanner(manifest: try manifest(groups, update: update), cloudConfig: try cloudConfig()).plan(state: state).update
    }
    private let base = "canary_watch_time: 1000\n  update_watch_time: 1000"

    @Test(arguments: [
        // Director: percentages round down (Ruby integer division) and max_in_flight is at least 1.
        ("50%", 3, 1), ("33%", 10, 3), ("10%", 5, 1), ("100%", 7, 7), ("150%", 4, 4), ("2", 7, 2), ("0", 3, 1),
    ])
    func maxInFlightIsRoundedAsTheDirectorRoundsIt(value: String, instances: Int, expected: Int) throws {
        let plan = try update(group("web", instances: instances, azs: ["z1"]), update: "canaries: 0\n  max_in_flight: \"\(value)\"\n  \(base)")
        #expect(plan.groups[0].azs[0].maxInFlight == expected)
    }

    @Test func canariesAreCappedByTheInstancesOfTheFirstAZ() throws {
        // Director: canaries "2" with 1 changed plan -> 1 canary.
        let plan = try update(group("web", instances: 1, azs: ["z1"]), update: "canaries: 2\n  max_in_flight: 1\n  \(base)")
        #expect(plan.groups[0].azs[0].canaries.count == 1)
        #expect(plan.groups[0].azs[0].instances.isEmpty)
    }

    @Test func canariesComeFromTheFirstAZOnlyAndAZsUpdateInTurn() throws {
        let plan = try update(group("web", instances: 6), update: "canaries: 2\n  max_in_flight: 1\n  \(base)")
        let azs = plan.groups[0].azs
        #expect(azs.map(\.az) == ["z1", "z2", "z3"])
        #expect(azs.map { $0.canaries.map(\.description) } == [["web/0", "web/3"], [], []])
        #expect(azs.map { $0.batches.map { $0.map(\.description) } } == [[], [["web/1"], ["web/4"]], [["web/2"], ["web/5"]]])
    }

    @Test func maxInFlightPercentagesArePerAZ() throws {
        // Director: in serial-AZ mode the percentage applies to each AZ's changed instances.
        let plan = try update(group("web", instances: 9), update: "canaries: 1\n  max_in_flight: 67%\n  \(base)")
        #expect(plan.groups[0].azs.map(\.maxInFlight) == [2, 2, 2])
        #expect(plan.groups[0].azs[0].batches.map(\.count) == [2])
    }

    @Test func theBootstrapAZUpdatesFirst() throws {
        let state = DeploymentState(instances: [existing("web", 0, "z2", bootstrap: true)])
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 3)), cloudConfig: try cloudConfig())
            .plan(state: state, options: PlanOptions(recreate: true)).update
        #expect(plan.groups[0].azs.map(\.az) == ["z2", "z1", "z3"])
        #expect(plan.groups[0].azs[0].canaries.first?.bootstrap == true)
    }

    /// The director sorts all of a group's instances and skips the unchanged ones afterwards, so the bootstrap
    /// instance's AZ goes first even when that instance is not updated (here: ignored).
    @Test func theBootstrapAZUpdatesFirstWhenTheBootstrapInstanceDoesNot() throws {
        let state = DeploymentState(instances: [
            ExistingInstance(group: "web", index: 0, id: "web-0-uuid", az: "z2", bootstrap: true, ignored: true)
        ])
        let plan = try DeploymentPlanner(manifest: try manifest(group("web", instances: 6)), cloudConfig: try cloudConfig())
            .plan(state: state, options: PlanOptions(recreate: true)).update
        let azs = plan.groups[0].azs
        #expect(azs.map(\.az) == ["z2", "z1", "z3"])
        #expect(azs[0].canaries.count == 1)
        #expect(azs[0].canaries.allSatisfy { !$0.bootstrap && $0.az == "z2" })
        #expect(!azs.flatMap { $0.canaries + $0.instances }.contains { $0.index == 0 })
    }

    @Test func initialDeployInParallelAZsIsOneStage() throws {
        let plan = try update(group("web", instances: 6), update: "canaries: 1\n  max_in_flight: 50%\n  initial_deploy_az_update_strategy: parallel\n  \(base)")
        #expect(plan.groups[0].azs.count == 1)
        #expect(plan.groups[0].azs[0].maxInFlight == 3)
    }

    @Test func serialAndParallelGroupsFormStages() throws {
        // Director: runs of consecutive groups with equal `serial` — parallel runs update together.
        let groups = group("a", instances: 1) + group("b", instances: 1, extra: "  update: {serial: false}")
            + group("c", instances: 1, extra: "  update: {serial: false}") + group("d", instances: 1)
            + group("e", instances: 1, extra: "  update: {serial: false}")
        let plan = try update(groups, update: "canaries: 1\n  max_in_flight: 1\n  \(base)")
        #expect(plan.stages.map { $0.map(\.name) } == [["a"], ["b", "c"], ["d"], ["e"]])
    }

    @Test func unchangedInstancesAreSkipped() throws {
        let state = DeploymentState(instances: [existing("web", 0, "z1", ip: "10.0.1.21")])
        let plan = try update(group("web", instances: 2, azs: ["z1"]), update: "canaries: 1\n  max_in_flight: 1\n  \(base)", state: state)
        #expect(plan.groups[0].targets.map(\.description) == ["web/1"])
    }

    @Test func watchTimesAndVMStrategyAreCarried() throws {
        let plan = try update(group("web", instances: 1), update: "canaries: 1\n  max_in_flight: 1\n  canary_watch_time: 1000-30000\n  update_watch_time: 5000\n  vm_strategy: create-swap-delete")
        #expect(plan.groups[0].canaryWatchTime == WatchTime(from: 1000, to: 30000))
        #expect(plan.groups[0].vmStrategy == "create-swap-delete")
    }

    @Test func createSwapDeleteFallsBackWithStaticIPs() throws {
        // Director (`instance_group.rb#should_create_swap_delete?`): not with static IPs.
        let plan = try update(group("db", instances: 1, azs: ["z1"], staticIPs: ["10.0.1.10"]), update: "canaries: 1\n  max_in_flight: 1\n  vm_strategy: create-swap-delete\n  \(base)")
        #expect(plan.groups[0].vmStrategy == "delete-create")
    }

    @Test func aMissingUpdateKeyIsAnError() throws {
        let error = #expect(throws: SchedulerError.self) { try update(group("web", instances: 1), update: "canaries: 1\n  \(base)") }
        #expect(error?.message == "Instance group 'web' has no 'max_in_flight' in its update block and the deployment's update block does not set it")
        #expect(error?.path == "/update/max_in_flight")
    }

    @Test func watchSchedulesPollAsTheDirectorDoes() {
        // Director: 1000-30000 -> wait 1000, then 9 x 3222.2; 5000 -> one wait.
        let range = WatchSchedule(WatchTime(from: 1000, to: 30000)).waits
        #expect(range.count == 10)
        #expect(range[0] == .milliseconds(1000))
        #expect(range[1] == .microseconds(3_222_222))
        #expect(WatchSchedule(WatchTime(milliseconds: 5000)).waits == [.milliseconds(5000)])
        // The step is at least 1 s and at most 15 s.
        #expect(WatchSchedule(WatchTime(from: 0, to: 3000)).waits == [.zero, .seconds(1), .seconds(1), .seconds(1)])
        #expect(WatchSchedule(WatchTime(from: 0, to: 300_000)).waits.dropFirst().allSatisfy { $0 == .seconds(15) })
    }
}
