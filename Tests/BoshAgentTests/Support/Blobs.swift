import Foundation

@testable import BoshAgent

/// Test blobs: a gzip'd tar made with `/bin/tar` from files given as path → (text, mode), stored in a
/// blobstore directory under a new id with its SHA-1.
enum Blobs {
    struct Stored: Sendable {
        let id: String
        let sha1: String
    }

    static func tgz(_ files: [String: (String, Int)]) async throws -> Data {
        let entries = files.map { ($0.key, $0.value.0, $0.value.1) }
        return try await offPool {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-blob-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let contents = directory.appendingPathComponent("contents")
            for (path, text, mode) in entries {
                let file = contents.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            }
            let archive = directory.appendingPathComponent("blob.tgz")
            try runTool("/bin/tar", ["-czf", archive.path, "-C", contents.path] + entries.map(\.0).sorted())
            return try Data(contentsOf: archive)
        }
    }

    static func store(_ data: Data, in blobstore: URL) throws -> Stored {
        let stored = try LocalBlobstore(directory: blobstore).put(data)
        return Stored(id: stored.blobstoreID, sha1: stored.sha1)
    }

    /// The files of a stored tgz blob, path → text.
    static func files(ofBlob id: String, in blobstore: URL) async throws -> [String: String] {
        try await offPool {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-unpack-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try runTool("/bin/tar", ["-xzf", blobstore.appendingPathComponent(id).path, "-C", directory.path])
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(atPath: directory.path)
            while let relative = enumerator?.nextObject() as? String {
                let path = directory.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[relative] = try String(contentsOfFile: path, encoding: .utf8)
                }
            }
            return files
        }
    }
}
