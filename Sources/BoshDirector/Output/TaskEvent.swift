import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One step of a task's progress, as the director reports it: a stage (`Creating missing vms`), optional
/// tags (the instance group, e.g. `web` for `Updating instance web`), the item (`web/<id> (0) (canary)`) and
/// whether it started, finished or failed.
public struct TaskEvent: Sendable, Hashable {
    /// What happened to the item.
    public enum State: Sendable, Hashable {
        /// Work on the item began.
        case started
        /// Work on the item completed.
        case finished
        /// Work on the item failed with this message.
        case failed(error: String)
    }

    /// The stage, e.g. `Compiling packages`, `Creating missing vms`, `Updating instance`.
    public var stage: String
    /// Tags shown after the stage, joined with `, ` (bosh shows the instance group here).
    public var tags: [String]
    /// The item, e.g. `web/0b1c… (0) (canary)` or `hello-server/abc123`.
    public var task: String
    /// Started, finished or failed.
    public var state: State

    /// Creates an event.
    public init(stage: String, tags: [String] = [], task: String, state: State) {
        self.stage = stage
        self.tags = tags
        self.task = task
        self.state = state
    }

    /// Whether `other` is about the same item of the same stage.
    func isSame(as other: TaskEvent) -> Bool { stage == other.stage && tags == other.tags && task == other.task }

    /// `Stage tag1, tag2: task`.
    var description: String {
        (tags.isEmpty ? stage : stage + " " + tags.joined(separator: ", ")) + ": " + task
    }
}

/// How a task ended, shown in its last line (`Task 1 done`).
public enum TaskState: String, Sendable, Hashable {
    /// Every stage succeeded.
    case done
    /// The task failed.
    case error
    /// The task was cancelled.
    case cancelled
}

/// Where task output goes: a function that writes text (no newline is added).
///
/// ```swift
/// let output = TaskOutput(taskID: 1, style: .detect(fileDescriptor: 1), sink: .standardOutput)
/// ```
public struct TaskOutputSink: Sendable {
    /// Writes text.
    public let write: @Sendable (String) -> Void

    /// A sink calling `write`.
    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// A sink writing straight to a file descriptor (unbuffered, so progress shows at once).
    public static func fileDescriptor(_ fd: Int32) -> TaskOutputSink {
        TaskOutputSink { text in
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                bytes = bytes.dropFirst(n)
            }
        }
    }

    /// Standard output.
    public static let standardOutput = fileDescriptor(1)
}

/// A sink that keeps what is written, for tests and for capturing output.
public final class TaskOutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    /// An empty buffer.
    public init() {}

    /// Everything written so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    /// A sink appending to this buffer.
    public var sink: TaskOutputSink {
        TaskOutputSink { [self] text in
            lock.lock()
            storage += text
            lock.unlock()
        }
    }
}
