import AgentProtocol
import Foundation

/// The demo's blobstore: a directory where the blob `<id>` is the file `<directory>/<id>` and its digest is the
/// hex SHA-1 of its bytes (bosh-agent's `local` provider, `options.blobstore_path`).
///
/// Writers write a temporary file in the directory and rename it into place; readers verify the digest they
/// were given and fail with a ``BlobstoreError`` naming the blob, the expected and the actual digest.
public struct LocalBlobstore: Sendable {
    /// The blobstore directory.
    public let directory: URL

    /// A blobstore in `directory`.
    public init(directory: URL) { self.directory = directory }

    /// The blobstore an agent's settings name: provider `local` with `options.blobstore_path`.
    /// - Throws: ``BlobstoreError`` when there is none, or another provider is configured.
    public init(settings: AgentSettings) throws {
        guard let blobstore = settings.effectiveBlobstore() else {
            throw BlobstoreError("agent settings have no blobstore (expected provider 'local' with options.blobstore_path)")
        }
        guard blobstore.provider == "local" else {
            throw BlobstoreError("blobstore provider '\(blobstore.provider)' is not supported (only 'local')")
        }
        guard let path = blobstore.options?["blobstore_path"]?.stringValue, path.hasPrefix("/") else {
            throw BlobstoreError("the local blobstore needs an absolute options.blobstore_path")
        }
        self.init(directory: URL(fileURLWithPath: path))
    }

    /// The file of blob `id`.
    public func path(of id: String) throws -> URL {
        guard !id.isEmpty, !id.contains("/"), !id.hasPrefix(".") else {
            throw BlobstoreError("invalid blobstore id '\(id)'")
        }
        return directory.appendingPathComponent(id)
    }

    /// Copies blob `id` to `destination` while hashing it, and checks the digest.
    ///
    /// `digest` is a hex SHA-1, or a BOSH multi-digest (`sha1:<hex>;sha256:<hex>`) of which the SHA-1 is used.
    /// - Throws: ``BlobstoreError`` when the blob is missing or its digest differs (the copy is removed).
    public func fetch(_ id: String, digest: String, to destination: URL) throws {
        let expected = try Self.sha1(in: digest, blob: id)
        let source = try path(of: id)
        guard let input = FileHandle(forReadingAtPath: source.path) else {
            throw BlobstoreError("blob \(id) not found in \(directory.path)")
        }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let output = FileHandle(forWritingAtPath: destination.path)
        else { throw BlobstoreError("cannot write \(destination.path) for blob \(id)") }
        var hasher = SHA1()
        do {
            defer { try? output.close() }
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(chunk)
                try output.write(contentsOf: chunk)
            }
        } catch {
            try? FileManager.default.removeItem(at: destination)
            throw BlobstoreError("cannot read blob \(id): \(error.localizedDescription)")
        }
        let actual = hasher.finish()
        guard actual == expected else {
            try? FileManager.default.removeItem(at: destination)
            throw BlobstoreError("blob \(id) has SHA-1 \(actual), expected \(expected)")
        }
    }

    /// Stores a copy of the file at `source` under a new id (a lowercase UUID) and returns the id and SHA-1.
    public func put(fileAt source: URL) throws -> (blobstoreID: String, sha1: String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let id = UUID().uuidString.lowercased()
        let temporary = directory.appendingPathComponent(".\(id).tmp")
        do {
            try FileManager.default.copyItem(at: source, to: temporary)
            let sha1 = try SHA1.hex(ofFile: temporary.path)
            let final = try path(of: id)
            guard rename(temporary.path, final.path) == 0 else {
                throw BlobstoreError("cannot rename \(temporary.path): \(String(cString: strerror(errno)))")
            }
            return (id, sha1)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? BlobstoreError { throw error }
            throw BlobstoreError("cannot store \(source.path) in \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Stores bytes under a new id and returns the id and SHA-1.
    public func put(_ data: Data) throws -> (blobstoreID: String, sha1: String) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let id = UUID().uuidString.lowercased()
        let temporary = directory.appendingPathComponent(".\(id).tmp")
        do {
            try data.write(to: temporary)
            let final = try path(of: id)
            guard rename(temporary.path, final.path) == 0 else {
                throw BlobstoreError("cannot rename \(temporary.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? BlobstoreError { throw error }
            throw BlobstoreError("cannot store a blob in \(directory.path): \(error.localizedDescription)")
        }
        return (id, SHA1.hex(of: data))
    }

    /// The SHA-1 in a digest string: plain hex, or the `sha1:` entry (or unprefixed entry) of a multi-digest.
    static func sha1(in digest: String, blob id: String) throws -> String {
        for entry in digest.split(separator: ";") {
            let text = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if text.hasPrefix("sha1:") { return String(text.dropFirst(5)) }
            if !text.contains(":") { return text }
        }
        throw BlobstoreError("blob \(id): digest '\(digest)' has no SHA-1 (only SHA-1 is supported)")
    }
}

/// A blobstore failure: the blob and what is wrong.
public struct BlobstoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
