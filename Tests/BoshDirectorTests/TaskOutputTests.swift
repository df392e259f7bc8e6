import Foundation
import Testing

@testable import BoshDirector

/// A clock the test moves by hand.
final class TaskOutputTestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func set(seconds: Double) {
        lock.lock()
        current = Self.noon.addingTimeInterval(seconds)
        lock.unlock()
    }

    /// Sat Nov 28 12:00:00 UTC 2026.
    static let noon = Date(timeIntervalSince1970: 1_795_867_200)
}

@Suite("TaskOutput")
struct TaskOutputTests {
    func makeOutput(_ style: TaskOutput.Style) -> (TaskOutput, TaskOutputBuffer, TaskOutputTestClock) {
        let buffer = TaskOutputBuffer()
        let clock = TaskOutputTestClock(TaskOutputTestClock.noon)
        let output = TaskOutput(taskID: 1, style: style, sink: buffer.sink, clock: { clock.now })
        return (output, buffer, clock)
    }

    func sequentialDeploy(_ output: TaskOutput, _ clock: TaskOutputTestClock) {
        output.begin()
        clock.set(seconds: 1)
        output.started("Preparing deployment", task: "Preparing deployment")
        clock.set(seconds: 2)
        output.finished("Preparing deployment", task: "Preparing deployment")
        output.started("Creating missing vms", task: "web/6f0c (0)")
        clock.set(seconds: 7.9)
        output.finished("Creating missing vms", task: "web/6f0c (0)")
        output.started("Updating instance", tags: ["web"], task: "web/6f0c (0) (canary)")
        clock.set(seconds: 19.2)
        output.finished("Updating instance", tags: ["web"], task: "web/6f0c (0) (canary)")
        output.end(.done)
    }

    static let sequentialGolden = """
        Task 1

        Task 1 | 12:00:01 | Preparing deployment: Preparing deployment (00:00:01)
        Task 1 | 12:00:02 | Creating missing vms: web/6f0c (0) (00:00:05)
        Task 1 | 12:00:07 | Updating instance web: web/6f0c (0) (canary) (00:00:12)

        Task 1 Started  Sat Nov 28 12:00:01 UTC 2026
        Task 1 Finished Sat Nov 28 12:00:19 UTC 2026
        Task 1 Duration 00:00:18
        Task 1 done

        """

    @Test func sequentialRunInATerminalIsPrintedAsBoshDoes() {
        let (output, buffer, clock) = makeOutput(.terminal(colors: true))
        sequentialDeploy(output, clock)
        #expect(buffer.text == Self.sequentialGolden)
    }

    @Test func sequentialRunPipedGivesTheSameText() {
        let (output, buffer, clock) = makeOutput(.plain)
        sequentialDeploy(output, clock)
        #expect(buffer.text == Self.sequentialGolden)
    }

    @Test func terminalShowsAStartedItemAtOnceAndAppendsItsDuration() {
        let (output, buffer, clock) = makeOutput(.terminal(colors: false))
        clock.set(seconds: 1)
        output.started("Creating missing vms", task: "web/a (0)")
        #expect(buffer.text == "Task 1\n\nTask 1 | 12:00:01 | Creating missing vms: web/a (0)")
        clock.set(seconds: 4)
        output.finished("Creating missing vms", task: "web/a (0)")
        #expect(buffer.text.hasSuffix("Creating missing vms: web/a (0) (00:00:03)"))
    }

    @Test func pipedOutputShowsNothingInProgress() {
        let (output, buffer, clock) = makeOutput(.plain)
        output.begin()
        clock.set(seconds: 1)
        output.started("Creating missing vms", task: "web/a (0)")
        #expect(buffer.text == "Task 1\n")
        clock.set(seconds: 4)
        output.finished("Creating missing vms", task: "web/a (0)")
        #expect(buffer.text == "Task 1\n\nTask 1 | 12:00:01 | Creating missing vms: web/a (0) (00:00:03)\n")
    }

    func parallelFailure(_ output: TaskOutput, _ clock: TaskOutputTestClock) {
        output.started("Creating missing vms", task: "web/a (0)")
        output.started("Creating missing vms", task: "web/b (1)")
        clock.set(seconds: 3)
        output.finished("Creating missing vms", task: "web/a (0)")
        clock.set(seconds: 4)
        output.failed("Creating missing vms", task: "web/b (1)", error: "CPI error: create_vm failed")
        output.error("CPI error: create_vm failed")
        output.end(.error)
    }

    @Test func parallelItemsAndAFailureInATerminal() {
        let (output, buffer, clock) = makeOutput(.terminal(colors: false))
        parallelFailure(output, clock)
        #expect(
            buffer.text == """
                Task 1

                Task 1 | 12:00:00 | Creating missing vms: web/a (0)
                Task 1 | 12:00:00 | Creating missing vms: web/b (1)
                Task 1 | 12:00:03 | Creating missing vms: web/a (0) (00:00:03)
                Task 1 | 12:00:04 | Creating missing vms: web/b (1) (00:00:04)
                                   L Error: CPI error: create_vm failed

                Task 1 | 12:00:04 | Error: CPI error: create_vm failed

                Task 1 Started  Sat Nov 28 12:00:00 UTC 2026
                Task 1 Finished Sat Nov 28 12:00:04 UTC 2026
                Task 1 Duration 00:00:04
                Task 1 error

                """)
    }

    @Test func parallelItemsAndAFailurePiped() {
        let (output, buffer, clock) = makeOutput(.plain)
        parallelFailure(output, clock)
        #expect(
            buffer.text == """
                Task 1

                Task 1 | 12:00:00 | Creating missing vms: web/a (0) (00:00:03)
                Task 1 | 12:00:00 | Creating missing vms: web/b (1) (00:00:04)
                                   L Error: CPI error: create_vm failed
                Task 1 | 12:00:04 | Error: CPI error: create_vm failed

                Task 1 Started  Sat Nov 28 12:00:00 UTC 2026
                Task 1 Finished Sat Nov 28 12:00:04 UTC 2026
                Task 1 Duration 00:00:04
                Task 1 error

                """)
        #expect(!buffer.text.contains("\u{1B}"))
    }

    @Test func errorsAreRedInAColourTerminalOnly() {
        let (output, buffer, clock) = makeOutput(.terminal(colors: true))
        parallelFailure(output, clock)
        #expect(buffer.text.contains("\n\u{1B}[31m                   L Error: CPI error: create_vm failed\u{1B}[0m"))
        #expect(buffer.text.contains("| \u{1B}[31mError: CPI error: create_vm failed\u{1B}[0m"))
    }

    @Test func trackRecordsAFailureAndRethrows() async {
        struct Boom: Error, CustomStringConvertible { var description: String { "agent did not respond" } }
        let (output, buffer, clock) = makeOutput(.plain)
        clock.set(seconds: 5)
        let value = try? await output.track("Compiling packages", task: "hello/abc") { 42 }
        #expect(value == 42)
        await #expect(throws: Boom.self) {
            try await output.track("Updating instance", tags: ["web"], task: "web/a (0) (canary)") { throw Boom() }
        }
        #expect(buffer.text.contains("Task 1 | 12:00:05 | Compiling packages: hello/abc (00:00:00)\n"))
        #expect(buffer.text.contains("Updating instance web: web/a (0) (canary) (00:00:00)\n                   L Error: agent did not respond\n"))
    }

    @Test func aTaskWithoutEventsEndsOnItsHeaderLine() {
        let (terminal, terminalBuffer, _) = makeOutput(.terminal(colors: false))
        terminal.begin()
        terminal.end(.done)
        #expect(terminalBuffer.text == "Task 1. Done\n")
        let (plain, plainBuffer, _) = makeOutput(.plain)
        plain.end(.done)
        plain.end(.error)  // ignored after the first end
        #expect(plainBuffer.text == "Task 1\nTask 1 done\n")
    }

    @Test func durationsCountWholeSecondsAndHours() {
        let start = TaskOutputTestClock.noon.addingTimeInterval(0.9)
        #expect(TaskOutput.duration(from: start, to: TaskOutputTestClock.noon.addingTimeInterval(1.1)) == "00:00:01")
        #expect(TaskOutput.duration(from: TaskOutputTestClock.noon, to: TaskOutputTestClock.noon.addingTimeInterval(3723)) == "01:02:03")
        #expect(TaskOutput.fullTime(Date(timeIntervalSince1970: 1_796_472_000)) == "Sat Dec  5 12:00:00 UTC 2026")
    }

    @Test func styleDetectionIsPlainWhenNotATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(TaskOutput.Style.detect(fileDescriptor: fds[1]) == .plain)
    }
}
