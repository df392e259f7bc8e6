import AgentProtocol
import CPIProtocol
import Foundation
import Testing

@testable import BoshDirector

@Suite("LocalBlobstore")
struct LocalBlobstoreTests {
    @Test func putBytesStoresAFileNamedByALowercaseUUIDWithItsSHA1() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let blobstore = try LocalBlobstore(directory: dir.path + "/blobstore")
        let blob = try await blobstore.put(bytes: Array("hello world".utf8))
        // sha1("hello world")
        #expect(blob.sha1 == "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")
        #expect(blob.size == 11)
        #expect(blob.blobstoreID == blob.blobstoreID.lowercased())
        #expect(UUID(uuidString: blob.blobstoreID) != nil)
        let path = try await blobstore.path(of: blob.blobstoreID, sha1: blob.sha1)
        #expect(path == blobstore.directory + "/" + blob.blobstoreID)
        #expect(try await blobstore.read(blob.blobstoreID, sha1: "sha1:" + blob.sha1) == Array("hello world".utf8))
        // A multi-digest (as release.MF writes them) is checked on its SHA-1 piece.
        let multi = "sha1:\(blob.sha1);sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        #expect(try await blobstore.path(of: blob.blobstoreID, sha1: multi) == path)
        // Nothing else (no temporary file) is left in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: blobstore.directory) == [blob.blobstoreID])
    }

    @Test func putFileStreamsALargeFileAndMatchesTheSystemSHA1() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let source = dir.path + "/big.bin"
        var bytes = [UInt8](repeating: 0, count: 300_000)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i / 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        let blobstore = try LocalBlobstore(directory: dir.path + "/blobstore")
        let blob = try await blobstore.put(file: source)
        #expect(blob.size == bytes.count)
        #expect(blob.sha1 == (try await sha1sum(source)))
        #expect(try await blobstore.read(blob.blobstoreID, sha1: blob.sha1) == bytes)
    }

    @Test func aWrongDigestIsRefusedWithIdExpectedAndActual() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let blobstore = try LocalBlobstore(directory: dir.path)
        let blob = try await blobstore.put(bytes: [1, 2, 3])
        let wrong = String(repeating: "0", count: 40)
        do {
            _ = try await blobstore.path(of: blob.blobstoreID, sha1: wrong)
            Issue.record("expected a digest mismatch")
        } catch let error as LocalBlobstoreError {
            #expect(error == .digestMismatch(blobstoreID: blob.blobstoreID, expected: wrong, actual: blob.sha1))
            #expect(error.description.contains(blob.blobstoreID))
            #expect(error.description.contains(wrong) && error.description.contains(blob.sha1))
        }
    }

    @Test func missingAndInvalidIdsAndDelete() async throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let blobstore = try LocalBlobstore(directory: dir.path)
        let blob = try await blobstore.put(bytes: [9])
        #expect(blobstore.contains(blob.blobstoreID))
        try blobstore.delete(blob.blobstoreID)
        #expect(!blobstore.contains(blob.blobstoreID))
        try blobstore.delete(blob.blobstoreID)  // deleting again is fine
        await #expect(throws: LocalBlobstoreError.notFound(blobstoreID: blob.blobstoreID, path: blobstore.directory + "/" + blob.blobstoreID)) {
            _ = try await blobstore.path(of: blob.blobstoreID, sha1: blob.sha1)
        }
        #expect(throws: LocalBlobstoreError.invalidID("../etc/passwd")) { try blobstore.delete("../etc/passwd") }
        await #expect(throws: LocalBlobstoreError.self) { _ = try await blobstore.put(file: dir.path + "/absent") }
    }

    @Test func settingsAreTheAgentsLocalProvider() throws {
        let dir = try InfraScratchDirectory()
        defer { dir.remove() }
        let blobstore = try LocalBlobstore(directory: dir.path + "/blobstore")
        #expect(blobstore.settings == BlobstoreSettings(provider: "local", options: ["blobstore_path": .string(dir.path + "/blobstore")]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(blobstore.settings), as: UTF8.self)
        #expect(json == #"{"options":{"blobstore_path":"\#(dir.path)/blobstore"},"provider":"local"}"#)
    }

    private func sha1sum(_ path: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    let pipe = Pipe()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha1sum")
                    process.arguments = [path]
                    process.standardOutput = pipe
                    try process.run()
                    let data = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: String(String(decoding: data, as: UTF8.self).prefix(40)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
