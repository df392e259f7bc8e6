import Crypto
import Foundation

/// The SHA-256 of a stemcell image, by which the local CPI records it (swift-crypto's hasher).
enum ImageDigest {
    /// The lowercase hex SHA-256 of a file, read in 1 MiB chunks.
    static func sha256Hex(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
