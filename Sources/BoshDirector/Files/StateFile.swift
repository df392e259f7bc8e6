import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A JSON file holding one `Codable` value, written atomically: the new text goes to a temporary file in the
/// same directory, is flushed to disk (`fsync`) and then renamed over the old file, so a crash at any moment
/// leaves either the old or the new state, never a torn one.
///
/// ```swift
/// let file = StateFile<DeploymentState>(path: "\(state)/deployments/hello.json")
/// var current = try file.read() ?? DeploymentState()
/// current.instances.append(instance)
/// try file.write(current)
/// ```
///
/// The JSON is pretty-printed with sorted keys; `Date`s are ISO 8601 strings (whole seconds).
///
/// Temporary files are named `.<file name>.tmp-<pid>-<random>`; ones a crashed writer left behind are
/// ignored by ``read()`` and removed by the next ``write(_:)``.
public struct StateFile<Value: Codable>: Sendable {
    /// The file's absolute path.
    public let path: String
    /// The permission bits of a newly written file (`0o600` keeps secrets private).
    public let mode: mode_t

    /// Describes a state file; nothing is read or written yet.
    /// - Parameters:
    ///   - path: the JSON file's path; its directory is created on the first write.
    ///   - mode: the permission bits of the file when written (default `0o600`).
    public init(path: String, mode: mode_t = 0o600) {
        self.path = path
        self.mode = mode
    }

    /// Reads the value.
    /// - Returns: the decoded value, or `nil` when the file does not exist.
    /// - Throws: ``StateFileError`` naming the path when the file cannot be read or is not valid JSON for
    ///   `Value` (with the decoder's description of where it failed).
    public func read() throws -> Value? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw StateFileError(path: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw StateFileError(path: path, reason: "is not valid state JSON: \(Self.describe(error))")
        } catch {
            throw StateFileError(path: path, reason: "is not valid state JSON: \(error)")
        }
    }

    /// Writes the value atomically (temporary file, `fsync`, `rename`, then `fsync` of the directory), creating
    /// the directory if needed and removing temporary files an earlier crashed writer left behind.
    /// - Throws: ``StateFileError`` naming the path when encoding or any file operation fails; the old file
    ///   is then unchanged.
    public func write(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw StateFileError(path: path, reason: "cannot be encoded: \(error)")
        }
        try AtomicFile.write(Array(data) + [0x0a], to: path, mode: mode)
    }

    /// Removes the file (a missing file is not an error).
    /// - Throws: ``StateFileError`` when the file exists but cannot be removed.
    public func remove() throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw StateFileError(path: path, reason: "cannot be removed: \(String(cString: strerror(errno)))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { $0 as NSError }?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(context.debugDescription)\(underlying.map { " (\($0))" } ?? "") at \(at(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(at(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(at(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "expected \(type) but found null at \(at(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A state file that could not be read, decoded or written; names the file and why.
public struct StateFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state file's path.
    public let path: String
    /// Why it failed (includes the JSON decoder's message for a corrupt file).
    public let reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `State file '<path>' <reason>`.
    public var description: String { "State file '\(path)' \(reason)" }
}

/// Atomic whole-file writes on POSIX calls, shared by the state files, the blobstore and the NATS files.
enum AtomicFile {
    /// The prefix of a temporary file for `path` (in the same directory).
    static func temporaryPrefix(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-").path
    }

    /// Writes `bytes` to `path` through a temporary file in the same directory, `fsync` and `rename`.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StateFileError(path: path, reason: "cannot be written: cannot create directory '\(directory)': \(error.localizedDescription)")
        }
        removeStaleTemporaries(for: path)
        let temp = temporaryPrefix(for: path) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw StateFileError(path: path, reason: "cannot be written: \(temp): \(lastError())") }
        func fail(_ what: String) -> StateFileError {
            let error = StateFileError(path: path, reason: "cannot be written: \(what): \(lastError())")
            close(fd)
            unlink(temp)
            return error
        }
        if fchmod(fd, mode) != 0 { throw fail("chmod") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw fail("write") }
            written += n
        }
        if fsync(fd) != 0 { throw fail("fsync") }
        close(fd)
        guard rename(temp, path) == 0 else {
            let error = StateFileError(path: path, reason: "cannot be replaced: \(lastError())")
            unlink(temp)
            throw error
        }
        syncDirectory(directory)
    }

    /// Removes temporary files of `path` whose writer process is gone (a crash mid-write).
    static func removeStaleTemporaries(for path: String) {
        let prefix = URL(fileURLWithPath: temporaryPrefix(for: path)).lastPathComponent
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let pidText = rest.split(separator: "-").first, let pid = Int32(pidText), pid != getpid(),
                kill(pid, 0) == 0 || errno == EPERM
            {
                continue  // another live process is writing right now
            }
            if let pidText = rest.split(separator: "-").first, Int32(pidText) == getpid() { continue }
            unlink(directory + "/" + name)
        }
    }

    /// Flushes a directory entry change (the rename) to disk; best effort.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
