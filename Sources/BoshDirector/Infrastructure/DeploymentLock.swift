import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on one deployment, like the director's `lock:deployment:<name>`, held while a command
/// changes the deployment.
///
/// The lock is the file `<state>/locks/<name>.lock` locked with `flock(LOCK_EX | LOCK_NB)`. The kernel
/// releases it when the holder closes it or dies, so a crashed `deploy` never leaves a stale lock. The file
/// records who holds it (pid, command, start time) so that a second acquirer — another process, or the same
/// process through a second open — fails at once with an error naming the deployment and the holder.
///
/// ```swift
/// let lock = try DeploymentLock.acquire(deployment: "hello", stateDirectory: state, command: "deploy")
/// defer { lock.release() }
/// ```
///
/// The descriptor is opened close-on-exec, so processes the holder starts (agents, `nats-server`) never
/// inherit the lock.
public final class DeploymentLock: @unchecked Sendable {
    /// Who holds a lock, as recorded in its file.
    public struct Holder: Codable, Sendable, Hashable {
        /// The holder's process id.
        public var pid: Int32
        /// What the holder is doing (e.g. `deploy`, `delete-deployment`).
        public var command: String
        /// When the holder acquired the lock.
        public var startedAt: Date

        /// Creates a holder record.
        public init(pid: Int32, command: String, startedAt: Date) {
            self.pid = pid
            self.command = command
            self.startedAt = startedAt
        }

        enum CodingKeys: String, CodingKey {
            case pid, command
            case startedAt = "started_at"
        }
    }

    /// The deployment's name.
    public let deployment: String
    /// The lock file's path.
    public let path: String
    /// What this process recorded as holder.
    public let holder: Holder

    private let lock = NSLock()
    private var descriptor: Int32

    private init(deployment: String, path: String, holder: Holder, descriptor: Int32) {
        self.deployment = deployment
        self.path = path
        self.holder = holder
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file of a deployment: `<stateDirectory>/locks/<deployment>.lock`.
    public static func path(deployment: String, stateDirectory: String) -> String {
        URL(fileURLWithPath: stateDirectory).appendingPathComponent("locks").appendingPathComponent("\(deployment).lock").path
    }

    /// Takes the deployment's lock or fails at once.
    /// - Parameters:
    ///   - deployment: the deployment's name (must be a plain file name: no `/`, not empty).
    ///   - stateDirectory: the director's state directory; `locks/` is created inside it.
    ///   - command: what the caller is doing, shown to whoever finds the lock taken.
    ///   - now: the start time recorded (injectable for tests).
    /// - Returns: the held lock; ``release()`` it (or let it be deinitialised) when done.
    /// - Throws: ``DeploymentLockError/alreadyLocked(deployment:holder:path:)`` when another holder has it,
    ///   ``DeploymentLockError/io(path:reason:)`` when the file cannot be created or locked.
    public static func acquire(
        deployment: String, stateDirectory: String, command: String, now: Date = Date()
    ) throws -> DeploymentLock {
        guard !deployment.isEmpty, !deployment.contains("/"), deployment != ".", deployment != ".." else {
            throw DeploymentLockError.io(path: stateDirectory, reason: "invalid deployment name '\(deployment)' for a lock file")
        }
        let path = Self.path(deployment: deployment, stateDirectory: stateDirectory)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DeploymentLockError.io(path: directory, reason: "cannot create the locks directory: \(error.localizedDescription)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DeploymentLockError.io(path: path, reason: AtomicFile.lastError()) }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            close(fd)
            guard code == EWOULDBLOCK else {
                throw DeploymentLockError.io(path: path, reason: "flock: \(String(cString: strerror(code)))")
            }
            throw DeploymentLockError.alreadyLocked(deployment: deployment, holder: readHolder(path), path: path)
        }
        let holder = Holder(pid: getpid(), command: command, startedAt: now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let bytes = Array((try? encoder.encode(holder)) ?? Data()) + [0x0a]
        // The file is rewritten in place (not renamed): the flock belongs to this inode.
        if ftruncate(fd, 0) != 0 || pwriteAll(fd, bytes) == false {
            let reason = AtomicFile.lastError()
            close(fd)
            throw DeploymentLockError.io(path: path, reason: "cannot record the holder: \(reason)")
        }
        return DeploymentLock(deployment: deployment, path: path, holder: holder, descriptor: fd)
    }

    /// Who holds the deployment's lock now, or `nil` when nobody does.
    public static func currentHolder(deployment: String, stateDirectory: String) -> Holder? {
        let path = Self.path(deployment: deployment, stateDirectory: stateDirectory)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readHolder(path)
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool {
        lock.lock()
        defer { lock.unlock() }
        return descriptor >= 0
    }

    /// Releases the lock (idempotent). The file stays; its holder record is cleared.
    public func release() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// Runs `body` holding the deployment's lock, releasing it afterwards whether `body` throws or not.
    public static func withLock<T>(
        deployment: String, stateDirectory: String, command: String, _ body: () async throws -> T
    ) async throws -> T {
        let lock = try acquire(deployment: deployment, stateDirectory: stateDirectory, command: command)
        defer { lock.release() }
        return try await body()
    }

    private static func readHolder(_ path: String) -> Holder? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Holder.self, from: data)
    }

    private static func pwriteAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(written)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            written += n
        }
        return true
    }
}

/// Why a deployment lock could not be taken.
public enum DeploymentLockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another holder has the lock (another process, or another open in this one).
    case alreadyLocked(deployment: String, holder: DeploymentLock.Holder?, path: String)
    /// The lock file could not be created, opened or locked.
    case io(path: String, reason: String)

    /// The message, modelled on the director's lock timeout error.
    public var description: String {
        switch self {
        case .alreadyLocked(let deployment, let holder, let path):
            var text = "Failed to acquire lock for lock:deployment:\(deployment)"
            if let holder {
                let formatter = ISO8601DateFormatter()
                text += ". Locking process id is \(holder.pid), description: '\(holder.command)',"
                text += " started at \(formatter.string(from: holder.startedAt))"
            } else {
                text += ". It is held by another process"
            }
            text += " (lock file \(path))"
            return text
        case .io(let path, let reason):
            return "Cannot use the deployment lock '\(path)': \(reason)"
        }
    }
}
