import AgentProtocol
import BoshArchive
import CPIProtocol
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The director's blobstore for the local demo: a directory in which a blob is the file `<dir>/<blobstore_id>`
/// (a lowercase UUID) and its digest is the hex SHA-1 of its bytes — bosh-agent's `local` provider, which
/// the agents read directly.
///
/// Writers write a temporary file in the same directory and rename it into place, so a reader never sees a
/// partial blob; readers go through ``path(of:sha1:)``, which checks the digest they were given.
///
/// ```swift
/// let blobstore = try LocalBlobstore(directory: "\(state)/blobstore")
/// let blob = try await blobstore.put(file: "/tmp/rendered.tgz")
/// settings.blobstore = blobstore.settings
/// ```
public struct LocalBlobstore: Sendable {
    /// A stored blob: its id and SHA-1, as an apply spec or `compile_package` carries them.
    public struct Blob: Sendable, Hashable, Codable {
        /// The blob's id (a lowercase UUID; the file name in the blobstore directory).
        public var blobstoreID: String
        /// The lowercase hex SHA-1 of its bytes.
        public var sha1: String
        /// Its size in bytes.
        public var size: Int

        /// Creates a blob description.
        public init(blobstoreID: String, sha1: String, size: Int) {
            self.blobstoreID = blobstoreID
            self.sha1 = sha1
            self.size = size
        }

        enum CodingKeys: String, CodingKey {
            case blobstoreID = "blobstore_id"
            case sha1, size
        }
    }

    /// The blobstore directory (absolute).
    public let directory: String

    /// Opens (and creates, with parents) a blobstore directory.
    /// - Parameter directory: the directory; a relative path is made absolute against the current directory.
    /// - Throws: ``LocalBlobstoreError/io(path:reason:)`` when it cannot be created.
    public init(directory: String) throws {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        } catch {
            throw LocalBlobstoreError.io(path: absolute, reason: "cannot create the blobstore directory: \(error.localizedDescription)")
        }
        self.directory = absolute
    }

    /// The agent settings for this blobstore:
    /// `{"provider": "local", "options": {"blobstore_path": "<directory>"}}`.
    public var settings: BlobstoreSettings {
        BlobstoreSettings(provider: "local", options: ["blobstore_path": .string(directory)])
    }

    /// Stores bytes as a new blob.
    /// - Returns: the new blob's id, SHA-1 and size.
    /// - Throws: ``LocalBlobstoreError/io(path:reason:)`` when writing fails (nothing is left behind).
    public func put(bytes: [UInt8]) async throws -> Blob {
        try await BlockingIO.run { try self.store { write in try write(bytes) } }
    }

    /// Stores a copy of a file as a new blob, streaming it (the file may be larger than memory) and computing
    /// its SHA-1 on the way.
    /// - Parameter file: the file to copy; it is not changed.
    /// - Throws: ``LocalBlobstoreError/io(path:reason:)`` naming the source or the blobstore file.
    public func put(file: String) async throws -> Blob {
        try await BlockingIO.run {
            let input = open(file, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw LocalBlobstoreError.io(path: file, reason: "cannot open: \(AtomicFile.lastError())") }
            defer { close(input) }
            return try self.store { write in
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { throw LocalBlobstoreError.io(path: file, reason: "cannot read: \(AtomicFile.lastError())") }
                    if n == 0 { break }
                    try write(Array(buffer[0..<n]))
                }
            }
        }
    }

    /// The path of a blob after checking that its bytes have the SHA-1 the caller expects.
    /// - Parameters:
    ///   - blobstoreID: the blob's id.
    ///   - sha1: the expected hex SHA-1 (BOSH's multi-digest form `sha1:<hex>` is accepted too).
    /// - Throws: ``LocalBlobstoreError/notFound(blobstoreID:path:)``,
    ///   ``LocalBlobstoreError/digestMismatch(blobstoreID:expected:actual:)`` or
    ///   ``LocalBlobstoreError/invalidID(_:)``.
    public func path(of blobstoreID: String, sha1: String) async throws -> String {
        let path = try filePath(blobstoreID)
        let actual = try await BlockingIO.run { try Self.sha1(ofFile: path, blobstoreID: blobstoreID) }
        let expected = Self.normalisedSHA1(sha1)
        guard actual == expected else {
            throw LocalBlobstoreError.digestMismatch(blobstoreID: blobstoreID, expected: sha1, actual: actual)
        }
        return path
    }

    /// A blob's bytes after checking their SHA-1 (see ``path(of:sha1:)``).
    public func read(_ blobstoreID: String, sha1: String) async throws -> [UInt8] {
        let path = try await path(of: blobstoreID, sha1: sha1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LocalBlobstoreError.notFound(blobstoreID: blobstoreID, path: path)
        }
        return Array(data)
    }

    /// Whether a blob with this id exists.
    public func contains(_ blobstoreID: String) -> Bool {
        guard let path = try? filePath(blobstoreID) else { return false }
        return FileManager.default.fileExists(atPath: path)
    }

    /// Deletes a blob; deleting a missing blob is not an error (as bosh's blobstore clients behave).
    /// - Throws: ``LocalBlobstoreError/invalidID(_:)`` or ``LocalBlobstoreError/io(path:reason:)``.
    public func delete(_ blobstoreID: String) throws {
        let path = try filePath(blobstoreID)
        if unlink(path) != 0 && errno != ENOENT {
            throw LocalBlobstoreError.io(path: path, reason: "cannot delete: \(AtomicFile.lastError())")
        }
    }

    /// The file of a blob id (not checked for existence).
    /// - Throws: ``LocalBlobstoreError/invalidID(_:)`` for an id that is not a plain file name.
    public func filePath(_ blobstoreID: String) throws -> String {
        guard !blobstoreID.isEmpty, !blobstoreID.hasPrefix("."), !blobstoreID.contains("/"),
            !blobstoreID.contains("\0")
        else { throw LocalBlobstoreError.invalidID(blobstoreID) }
        return directory + "/" + blobstoreID
    }

    /// Writes a new blob through a temporary file, hashing what is written, and renames it to its id.
    private func store(_ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> Blob {
        let id = UUID().uuidString.lowercased()
        let final = directory + "/" + id
        let temp = directory + "/.\(id).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LocalBlobstoreError.io(path: temp, reason: "cannot create: \(AtomicFile.lastError())") }
        let hasher = DigestHasher(.sha1)
        var size = 0
        do {
            try produce { bytes in
                hasher.update(bytes)
                var written = 0
                while written < bytes.count {
                    let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { throw LocalBlobstoreError.io(path: temp, reason: "cannot write: \(AtomicFile.lastError())") }
                    written += n
                }
                size += bytes.count
            }
            guard fsync(fd) == 0 else { throw LocalBlobstoreError.io(path: temp, reason: "fsync: \(AtomicFile.lastError())") }
            close(fd)
            guard rename(temp, final) == 0 else {
                throw LocalBlobstoreError.io(path: final, reason: "cannot rename the temporary file: \(AtomicFile.lastError())")
            }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        return Blob(blobstoreID: id, sha1: hasher.finalize(), size: size)
    }

    /// The SHA-1 of a file, streamed.
    static func sha1(ofFile path: String, blobstoreID: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw LocalBlobstoreError.notFound(blobstoreID: blobstoreID, path: path) }
            throw LocalBlobstoreError.io(path: path, reason: "cannot open: \(AtomicFile.lastError())")
        }
        defer { close(fd) }
        let hasher = DigestHasher(.sha1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw LocalBlobstoreError.io(path: path, reason: "cannot read: \(AtomicFile.lastError())") }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hasher.finalize()
    }

    /// The SHA-1 of a BOSH digest (`<hex>`, `sha1:<hex>` or a multi-digest such as `sha1:<hex>;sha256:<hex>`) as
    /// lowercase hex; the digest text itself when it has no SHA-1 piece (so it never matches).
    static func normalisedSHA1(_ digest: String) -> String {
        guard let parsed = try? MultipleDigest(parsing: digest),
            let sha1 = parsed.pieces.first(where: { $0.algorithm == .sha1 })
        else { return digest.lowercased() }
        return sha1.value.lowercased()
    }
}

/// Why a blobstore operation failed; names the blob (and file) involved.
public enum LocalBlobstoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No blob with this id.
    case notFound(blobstoreID: String, path: String)
    /// The blob's bytes do not have the expected SHA-1.
    case digestMismatch(blobstoreID: String, expected: String, actual: String)
    /// The id is not a plain file name.
    case invalidID(String)
    /// A file operation failed.
    case io(path: String, reason: String)

    /// A message naming the blob id, file and digests.
    public var description: String {
        switch self {
        case .notFound(let id, let path):
            return "Blob '\(id)' not found in the local blobstore (no file \(path))"
        case .digestMismatch(let id, let expected, let actual):
            return "Checking blob '\(id)': expected SHA-1 '\(expected)' but the blob's is '\(actual)'"
        case .invalidID(let id):
            return "Invalid blobstore id '\(id)': must be a plain file name (a lowercase UUID)"
        case .io(let path, let reason):
            return "Local blobstore: \(path): \(reason)"
        }
    }
}
