import Foundation
import Testing

@testable import BoshAgent

@Suite struct LocalBlobstoreTests {
    private func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-blobs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func putThenFetchVerifiesTheDigest() throws {
        try withDirectory { directory in
            let blobstore = LocalBlobstore(directory: directory)
            let stored = try blobstore.put(Data("hello blob".utf8))
            #expect(stored.sha1 == SHA1.hex(of: Data("hello blob".utf8)))
            #expect(UUID(uuidString: stored.blobstoreID) != nil && stored.blobstoreID == stored.blobstoreID.lowercased())
            let copy = directory.appendingPathComponent("copy")
            try blobstore.fetch(stored.blobstoreID, digest: "sha1:\(stored.sha1);sha256:abc", to: copy)
            #expect(try String(contentsOf: copy, encoding: .utf8) == "hello blob")
            // No temporary files are left in the blobstore.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [stored.blobstoreID, "copy"].sorted())
        }
    }

    @Test func aWrongDigestNamesBlobExpectedAndActual() throws {
        try withDirectory { directory in
            let blobstore = LocalBlobstore(directory: directory)
            let stored = try blobstore.put(Data("content".utf8))
            let wrong = String(repeating: "0", count: 40)
            let copy = directory.appendingPathComponent("copy")
            let error = #expect(throws: BlobstoreError.self) {
                try blobstore.fetch(stored.blobstoreID, digest: wrong, to: copy)
            }
            #expect(error?.message.contains(stored.blobstoreID) == true)
            #expect(error?.message.contains(wrong) == true)
            #expect(error?.message.contains(stored.sha1) == true)
            #expect(!FileManager.default.fileExists(atPath: copy.path))
            #expect(throws: BlobstoreError.self) { try blobstore.fetch("missing", digest: wrong, to: copy) }
            #expect(throws: BlobstoreError.self) { try blobstore.fetch("../etc", digest: wrong, to: copy) }
        }
    }
}
