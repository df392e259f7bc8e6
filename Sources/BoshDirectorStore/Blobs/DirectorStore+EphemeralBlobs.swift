import Foundation

extension DirectorStore {
    /// Records a blob the director made for a while (`kind`: `logs` for a log bundle).
    public func addEphemeralBlob(_ blobstoreID: String, sha1: String, kind: String) async throws {
        let now = millis
        try await single { db in
            try await db.query(
                "INSERT INTO ephemeral_blobs (blobstore_id, sha1, kind, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                [.text(blobstoreID), .text(sha1), .text(kind), .integer(now)])
        }
    }

    /// Whether `blobstoreID` is a recorded ephemeral blob (what `GET /resources/ID` serves).
    public func isEphemeralBlob(_ blobstoreID: String) async throws -> Bool {
        try await single { db in
            !(try await db.query("SELECT 1 AS found FROM ephemeral_blobs WHERE blobstore_id = $1", [.text(blobstoreID)]).isEmpty)
        }
    }

    /// Forgets the ephemeral blobs of `kind` made before `date`; returns their ids (for the caller to delete).
    public func removeEphemeralBlobs(kind: String, olderThan date: Date) async throws -> [String] {
        let cutoff = Self.millis(date)
        return try await single { db in
            try await db.query(
                "DELETE FROM ephemeral_blobs WHERE kind = $1 AND created_at < $2 RETURNING blobstore_id", [.text(kind), .integer(cutoff)]
            ).compactMap { $0.string("blobstore_id") }
        }
    }
}
