import Foundation
import Synchronization
import Testing

@testable import BoshDirector

/// The event lines a task's output keeps for `GET /tasks/N/output?type=event`: one JSON object per line.
@Suite struct TaskEventLineTests {
    @Test func eventsErrorsAndWarningsBecomeTheDirectorsJSONLines() throws {
        let lines = Mutex<[[UInt8]]>([])
        let clock = TaskOutputTestClock(TaskOutputTestClock.noon)
        let output = TaskOutput(
            taskID: 3, style: .plain, sink: TaskOutputBuffer().sink, eventLines: { line in lines.withLock { $0.append(line) } },
            clock: { clock.now })
        output.started("Updating instance", tags: ["web"], task: "web/a (0) (canary)")
        clock.set(seconds: 2)
        output.finished("Updating instance", tags: ["web"], task: "web/a (0) (canary)")
        output.started("Updating instance", tags: ["web"], task: "web/b (1)")
        output.failed("Updating instance", tags: ["web"], task: "web/b (1)", error: "not running")
        output.warning("slow")
        output.error("Updating instance 'web/b (1)' failed")
        let captured = lines.withLock { $0 }
        #expect(captured.allSatisfy { $0.last == 0x0a && $0.dropLast().allSatisfy { $0 != 0x0a } })
        let objects = try captured.map { try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        #expect(objects.count == 6)
        #expect(objects[0]["stage"] as? String == "Updating instance" && objects[0]["state"] as? String == "started")
        #expect(objects[0]["tags"] as? [String] == ["web"] && objects[0]["task"] as? String == "web/a (0) (canary)")
        #expect(objects[0]["time"] as? Int == 1_795_867_200 && objects[0]["progress"] as? Int == 0)
        #expect(objects[1]["state"] as? String == "finished" && objects[1]["time"] as? Int == 1_795_867_202)
        #expect(objects[1]["index"] as? Int == 1 && objects[2]["index"] as? Int == 2 && objects[2]["total"] as? Int == 2)
        #expect(objects[3]["state"] as? String == "failed")
        #expect((objects[3]["data"] as? [String: Any])?["error"] as? String == "not running")
        #expect(objects[4]["type"] as? String == "warning" && objects[4]["message"] as? String == "slow")
        let error = try #require(objects[5]["error"] as? [String: Any])
        #expect(error["code"] as? Int == 100 && error["message"] as? String == "Updating instance 'web/b (1)' failed")
    }
}
