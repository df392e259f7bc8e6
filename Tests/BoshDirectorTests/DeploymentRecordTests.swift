import Foundation
import Scheduler
import Testing
@testable import BoshDirector

/// The deployment record: ordering, persistence and what the planner sees of it after a crash.
@Suite struct DeploymentRecordTests {
    private func instance(_ group: String, _ index: Int, pending: Bool = false, vm: String? = "vm-1") -> InstanceRecord {
        InstanceRecord(
            group: group, index: index, id: "\(group)-\(index)", az: "z1", bootstrap: index == 0,
            addresses: ["default": "127.0.10.\(20 + index)"], vmCID: vm, agentID: "agent-\(group)-\(index)",
            spec: InstanceSpec(stemcell: "ubuntu-jammy/1", jobs: ["hello/hello-server"]), isPending: pending)
    }

    @Test func upsertKeepsGroupAndIndexOrderAndReplacesById() {
        var record = DeploymentRecord(name: "hello")
        record.upsert(instance("web", 1))
        record.upsert(instance("api", 0))
        record.upsert(instance("web", 0))
        #expect(record.instances.map(\.id) == ["api-0", "web-0", "web-1"])
        var changed = instance("web", 1)
        changed.vmCID = "vm-2"
        record.upsert(changed)
        #expect(record.instances.count == 3)
        #expect(record.instance(id: "web-1")?.vmCID == "vm-2")
        #expect(record.instance(agentID: "agent-api-0")?.id == "api-0")
        record.remove(id: "api-0")
        #expect(record.instances.map(\.id) == ["web-0", "web-1"])
    }

    @Test func plannerSeesFinishedInstancesAsTheyAreAndUnfinishedOnesAsChanged() {
        var record = DeploymentRecord(name: "hello")
        record.upsert(instance("web", 0))
        record.upsert(instance("web", 1, pending: true))
        record.upsert(instance("api", 0, vm: nil))
        let state = LocalDirector.state(of: record)
        let byID = Dictionary(uniqueKeysWithValues: state.instances.map { ($0.id, $0) })
        #expect(byID["web-0"]?.current == InstanceSpec(stemcell: "ubuntu-jammy/1", jobs: ["hello/hello-server"]))
        #expect(byID["web-1"]?.current?.stemcell == "<unfinished deploy>")
        #expect(byID["api-0"]?.current?.stemcell == "<unfinished deploy>")
        #expect(byID["web-0"]?.addresses?["default"]?.description == "127.0.10.20")
    }
}
