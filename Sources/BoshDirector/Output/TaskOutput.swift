import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Progress output of a director task in the format of the bosh CLI's task reporter:
///
/// ```
/// Task 1
///
/// Task 1 | 12:00:01 | Creating missing vms: web/6f0c… (0) (00:00:05)
/// Task 1 | 12:00:06 | Updating instance web: web/6f0c… (0) (canary) (00:00:12)
///                    L Error: 'web/6f0c… (0)' is not running after update
/// Task 1 | 12:00:18 | Error: 'web/6f0c… (0)' is not running after update
///
/// Task 1 Started  Sat Nov 28 12:00:01 UTC 2026
/// Task 1 Finished Sat Nov 28 12:00:18 UTC 2026
/// Task 1 Duration 00:00:17
/// Task 1 error
/// ```
///
/// Times are UTC, from the injected clock. In ``Style/terminal(colors:)`` a started item is shown at once and
/// its duration appended when it finishes (or a new line is written when other items came in between, as
/// bosh does), and errors are red. In ``Style/plain`` (output piped to a file or another program) nothing
/// in progress is shown: an item's line is written once, when it finishes or fails, with its start time and
/// duration; no colour. A sequential run gives the same text in both styles.
///
/// All methods may be called from concurrent tasks; lines never interleave.
public final class TaskOutput: @unchecked Sendable {
    /// How output is rendered.
    public enum Style: Sendable, Hashable {
        /// Live lines, as bosh prints to a terminal; `colors` makes errors red.
        case terminal(colors: Bool)
        /// Finished lines and the summary only, no colour (for pipes and files).
        case plain

        /// ``terminal(colors:)`` when `fileDescriptor` is a terminal, else ``plain``; colours are off when
        /// the environment sets `NO_COLOR` or `TERM=dumb`.
        public static func detect(
            fileDescriptor: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment
        ) -> Style {
            guard isatty(fileDescriptor) == 1 else { return .plain }
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
            return .terminal(colors: !noColor)
        }
    }

    /// The task's id, shown on every line.
    public let taskID: Int
    /// The rendering style.
    public let style: Style

    private let sink: TaskOutputSink
    private let eventLines: (@Sendable ([UInt8]) -> Void)?
    private let clock: @Sendable () -> Date
    /// Per stage: the items seen, for the event lines' `index` and `total`.
    private var stageItems: [String: [String]] = [:]
    private let lock = NSLock()
    /// Kept (started, finished, failed) events with their times.
    private var events: [(event: TaskEvent, time: Date)] = []
    private var lastEvent: TaskEvent?
    /// The times of the first and the latest shown event (events, errors, warnings), for the summary.
    private var firstTime: Date?
    private var lastTime: Date?
    private var begun = false
    private var anyEventShown = false
    private var ended = false

    /// Creates the output of one task.
    /// - Parameters:
    ///   - taskID: the task number shown on each line.
    ///   - style: ``Style/terminal(colors:)`` or ``Style/plain``; see ``Style/detect(fileDescriptor:)``.
    ///   - sink: where the text goes.
    ///   - eventLines: receives every event, error and warning as the director's event line (one JSON object
    ///     and a newline: bosh's `type=event` task output), in order.
    ///   - clock: the current time (injectable for tests); shown in UTC.
    public init(
        taskID: Int, style: Style, sink: TaskOutputSink = .standardOutput,
        eventLines: (@Sendable ([UInt8]) -> Void)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.taskID = taskID
        self.style = style
        self.sink = sink
        self.eventLines = eventLines
        self.clock = clock
    }

    /// Writes the `Task <id>` header; called by the first event if not called before.
    public func begin() {
        lock.lock()
        defer { lock.unlock() }
        beginLocked()
    }

    /// Records an event and writes what the style shows of it.
    public func record(_ event: TaskEvent) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        beginLocked()
        let start = events.last { $0.event.isSame(as: event) && $0.event.state == .started }?.time
        let duration = start.map { Self.duration(from: $0, to: now) } ?? ""
        let durationSuffix = start == nil ? "" : " (\(duration))"
        switch style {
        case .terminal:
            if let lastEvent, lastEvent.isSame(as: event), event.state != .started {
                write(durationSuffix)
            } else {
                firstEventSpacing()
                write("\n" + prefix(now) + event.description)
                if event.state != .started { write(durationSuffix) }
            }
            if case .failed(let message) = event.state { writeError("\n" + errorIndent + "L Error: " + message) }
        case .plain:
            switch event.state {
            case .started:
                break
            case .finished:
                firstEventSpacing()
                write(prefix(start ?? now) + event.description + durationSuffix + "\n")
            case .failed(let message):
                firstEventSpacing()
                write(prefix(start ?? now) + event.description + durationSuffix + "\n")
                write(errorIndent + "L Error: " + message + "\n")
            }
        }
        events.append((event, now))
        lastEvent = event
        noteTime(now)
        if eventLines != nil {
            var items = stageItems[event.stage] ?? []
            let key = event.tags.joined(separator: ",") + "\u{0}" + event.task
            if !items.contains(key) { items.append(key) }
            stageItems[event.stage] = items
            var line: [String: TaskEventLine.Value] = [
                "time": .int(Int(now.timeIntervalSince1970)), "stage": .string(event.stage),
                "tags": .strings(event.tags), "task": .string(event.task),
                "index": .int((items.firstIndex(of: key) ?? 0) + 1), "total": .int(items.count),
            ]
            switch event.state {
            case .started:
                line["state"] = .string("started")
                line["progress"] = .int(0)
            case .finished:
                line["state"] = .string("finished")
                line["progress"] = .int(100)
            case .failed(let message):
                line["state"] = .string("failed")
                line["progress"] = .int(100)
                line["data"] = .object(["error": .string(message)])
            }
            emit(line)
        }
    }

    private func emit(_ line: [String: TaskEventLine.Value]) {
        eventLines?(TaskEventLine.encode(line))
    }

    /// Records that work on an item started.
    public func started(_ stage: String, tags: [String] = [], task: String) {
        record(TaskEvent(stage: stage, tags: tags, task: task, state: .started))
    }

    /// Records that work on an item finished.
    public func finished(_ stage: String, tags: [String] = [], task: String) {
        record(TaskEvent(stage: stage, tags: tags, task: task, state: .finished))
    }

    /// Records that work on an item failed.
    public func failed(_ stage: String, tags: [String] = [], task: String, error: String) {
        record(TaskEvent(stage: stage, tags: tags, task: task, state: .failed(error: error)))
    }

    /// Runs `body` between a started and a finished event; when it throws, records a failed event with the
    /// error's description and rethrows.
    public func track<T>(
        _ stage: String, tags: [String] = [], task: String, _ body: () async throws -> T
    ) async throws -> T {
        started(stage, tags: tags, task: task)
        do {
            let result = try await body()
            finished(stage, tags: tags, task: task)
            return result
        } catch {
            failed(stage, tags: tags, task: task, error: String(describing: error))
            throw error
        }
    }

    /// Writes a task-level error line (`Task 1 | 12:00:18 | Error: …`), set off by a blank line in a terminal.
    public func error(_ message: String) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        beginLocked()
        switch style {
        case .terminal:
            if lastEvent != nil { write("\n") }
            firstEventSpacing()
            write("\n" + prefix(now))
            writeError("Error: " + message)
        case .plain:
            firstEventSpacing()
            write(prefix(now) + "Error: " + message + "\n")
        }
        lastEvent = nil
        noteTime(now)
        emit(["time": .int(Int(now.timeIntervalSince1970)), "error": .object(["code": .int(100), "message": .string(message)])])
    }

    /// Writes a warning line (`Task 1 | 12:00:02 | Warning: …`).
    public func warning(_ message: String) {
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        beginLocked()
        firstEventSpacing()
        switch style {
        case .terminal:
            write("\n" + prefix(now))
            writeError("Warning: " + message)
        case .plain:
            write(prefix(now) + "Warning: " + message + "\n")
        }
        lastEvent = nil
        noteTime(now)
        emit(["time": .int(Int(now.timeIntervalSince1970)), "type": .string("warning"), "message": .string(message)])
    }

    /// Writes the summary (`Started`, `Finished`, `Duration` from the first to the last event) and the final
    /// `Task <id> <state>` line. Later calls do nothing.
    public func end(_ state: TaskState) {
        lock.lock()
        defer { lock.unlock() }
        guard !ended else { return }
        ended = true
        beginLocked()
        let id = taskID
        if let first = firstTime, let last = lastTime {
            let summary = "Task \(id) Started  \(Self.fullTime(first))\nTask \(id) Finished \(Self.fullTime(last))\n"
                + "Task \(id) Duration \(Self.duration(from: first, to: last))"
            switch style {
            case .terminal: write("\n\n" + summary + "\nTask \(id) \(state.rawValue)\n")
            case .plain: write("\n" + summary + "\nTask \(id) \(state.rawValue)\n")
            }
        } else if !anyEventShown {
            switch style {
            case .terminal: write(". \(state.rawValue.prefix(1).uppercased() + state.rawValue.dropFirst())\n")
            case .plain: write("Task \(id) \(state.rawValue)\n")
            }
        } else {
            switch style {
            case .terminal: write("\n\nTask \(id) \(state.rawValue)\n")
            case .plain: write("\nTask \(id) \(state.rawValue)\n")
            }
        }
    }

    // MARK: - Rendering (called with the lock held)

    private func noteTime(_ time: Date) {
        if firstTime == nil { firstTime = time }
        lastTime = time
    }

    private func beginLocked() {
        guard !begun else { return }
        begun = true
        switch style {
        case .terminal: write("Task \(taskID)")
        case .plain: write("Task \(taskID)\n")
        }
    }

    /// The blank line between the header and the first event.
    private func firstEventSpacing() {
        guard !anyEventShown else { return }
        anyEventShown = true
        write("\n")
    }

    private func prefix(_ time: Date) -> String { "Task \(taskID) | \(Self.hoursTime(time)) | " }

    /// Aligns `L Error:` under the event text, as bosh does.
    private var errorIndent: String { String(repeating: " ", count: 5 + String(taskID).count + 13) }

    private func write(_ text: String) { sink.write(text) }

    private func writeError(_ text: String) {
        if case .terminal(colors: true) = style {
            // Keep a leading newline outside the colour codes.
            if text.hasPrefix("\n") {
                sink.write("\n\u{1B}[31m" + text.dropFirst() + "\u{1B}[0m")
            } else {
                sink.write("\u{1B}[31m" + text + "\u{1B}[0m")
            }
        } else {
            sink.write(text)
        }
    }

    // MARK: - Time formats (bosh-cli: 15:04:05, "Mon Jan _2 15:04:05 UTC 2006", HH:MM:SS durations)

    private static let utc = TimeZone(identifier: "UTC")!

    static func hoursTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return two(c.hour ?? 0) + ":" + two(c.minute ?? 0) + ":" + two(c.second ?? 0)
    }

    static func fullTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = c.day ?? 1
        let paddedDay = day < 10 ? " \(day)" : "\(day)"
        return "\(weekdays[((c.weekday ?? 1) - 1) % 7]) \(months[((c.month ?? 1) - 1) % 12]) \(paddedDay) "
            + hoursTime(date) + " UTC \(c.year ?? 1970)"
    }

    static func duration(from start: Date, to end: Date) -> String {
        // Whole seconds of each time, as bosh's events carry them.
        let total = max(0, Int(end.timeIntervalSince1970.rounded(.down)) - Int(start.timeIntervalSince1970.rounded(.down)))
        return two(total / 3600) + ":" + two(total / 60 % 60) + ":" + two(total % 60)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
