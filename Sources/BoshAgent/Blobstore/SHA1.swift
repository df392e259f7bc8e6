import BoshArchive
import Foundation

/// A streaming SHA-1, the digest BOSH blobstores use, computed by the system OpenSSL through the package's
/// shared `DigestHasher` (no second implementation of the algorithm).
struct SHA1 {
    private let hasher = DigestHasher(.sha1)

    init() {}

    /// Adds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bytes) }

    /// Adds bytes.
    mutating func update(_ data: Data) { data.withUnsafeBytes { hasher.update($0) } }

    /// The lowercase hex digest of everything added.
    mutating func finish() -> String { hasher.finalize() }

    /// The hex SHA-1 of bytes.
    static func hex(of data: Data) -> String {
        var hasher = SHA1()
        hasher.update(data)
        return hasher.finish()
    }

    /// The hex SHA-1 of a file, read in 1 MiB chunks.
    static func hex(ofFile path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA1()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finish()
    }
}
