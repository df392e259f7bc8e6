/// The `links` column of `release_jobs`.
struct JobLinks: Codable {
    var consumes: [ReleaseRecord.Link]
    var provides: [ReleaseRecord.Link]
}

extension DirectorStore {
    /// The uploaded releases, each name's versions in upload order.
    public func releases() async throws -> [ReleaseRecord] {
        let database = self.database
        return try await write { db in
            let versions = try await db.query("SELECT * FROM release_versions ORDER BY id")
            let jobs = try await db.query("SELECT * FROM release_jobs ORDER BY release_version_id, position")
            let packages = try await db.query("SELECT * FROM release_packages ORDER BY release_version_id, position")
            func blobs(_ rows: [SQLRow], of id: Int) throws -> [ReleaseRecord.Blob] {
                try rows.filter { $0.int("release_version_id") == id }.map { row in
                    let links = try JSONText.decode(JobLinks.self, row.string("links"), database: database, what: "release job")
                    return ReleaseRecord.Blob(
                        name: row.string("name") ?? "", version: row.string("version") ?? "",
                        blobstoreID: row.string("blobstore_id") ?? "", sha1: row.string("sha1") ?? "",
                        dependencies: try JSONText.decode(
                            [String].self, row.string("dependencies"), database: database, what: "release blob") ?? [],
                        consumes: links?.consumes ?? [], provides: links?.provides ?? [])
                }
            }
            return try versions.map { row in
                let id = row.int("id") ?? 0
                return ReleaseRecord(
                    name: row.string("release_name") ?? "", version: row.string("version") ?? "", tarball: row.string("tarball") ?? "",
                    jobs: try blobs(jobs, of: id), packages: try blobs(packages, of: id))
            }
        }
    }

    /// Records an uploaded release version with its jobs and packages (one transaction).
    /// - Throws: ``StoreError/isConflict`` when that version is recorded already.
    public func add(_ release: ReleaseRecord) async throws {
        let now = millis
        let database = self.database
        try await write { db in
            if try await !db.query(
                "SELECT id FROM release_versions WHERE release_name = $1 AND version = $2", [.text(release.name), .text(release.version)]
            ).isEmpty {
                throw StoreError.conflict(database, "Release '\(release.slug)' already exists")
            }
            try await Self.insert(release, at: now, database: database, db)
        }
    }

    /// Inserts a release version with its jobs and packages (the caller checked it is new).
    static func insert(_ release: ReleaseRecord, at now: Int64, database: String, _ db: any SQLExecutor) async throws {
        try await db.query("INSERT INTO releases (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", [.text(release.name)])
        guard let id = try await db.query(
            "INSERT INTO release_versions (release_name, version, tarball, uploaded_at) VALUES ($1, $2, $3, $4) RETURNING id",
            [.text(release.name), .text(release.version), .text(release.tarball), .integer(now)]
        ).first?.int("id") else { throw StoreError.failed(database, "storing a release", "no id returned") }
        for (position, job) in release.jobs.enumerated() {
            try await db.query(
                """
                INSERT INTO release_jobs (release_version_id, position, name, version, blobstore_id, sha1, dependencies, links)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    .int(id), .int(position), .text(job.name), .text(job.version), .text(job.blobstoreID), .text(job.sha1),
                    .text(JSONText.encode(job.dependencies)),
                    .text(JSONText.encode(JobLinks(consumes: job.consumes, provides: job.provides))),
                ])
        }
        for (position, package) in release.packages.enumerated() {
            try await db.query(
                """
                INSERT INTO release_packages (release_version_id, position, name, version, blobstore_id, sha1, dependencies)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [
                    .int(id), .int(position), .text(package.name), .text(package.version), .text(package.blobstoreID),
                    .text(package.sha1), .text(JSONText.encode(package.dependencies)),
                ])
        }
    }

    /// Removes release `name` version `version` (all versions when `nil`); `false` when there was none.
    @discardableResult
    public func removeRelease(_ name: String, version: String? = nil) async throws -> Bool {
        try await write { db in
            let ids: [SQLRow]
            if let version {
                ids = try await db.query(
                    "SELECT id FROM release_versions WHERE release_name = $1 AND version = $2", [.text(name), .text(version)])
            } else {
                ids = try await db.query("SELECT id FROM release_versions WHERE release_name = $1", [.text(name)])
            }
            for row in ids {
                let id = SQLValue.int(row.int("id") ?? 0)
                try await db.query("DELETE FROM release_jobs WHERE release_version_id = $1", [id])
                try await db.query("DELETE FROM release_packages WHERE release_version_id = $1", [id])
                try await db.query("DELETE FROM release_versions WHERE id = $1", [id])
            }
            try await db.query(
                "DELETE FROM releases WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM release_versions WHERE release_name = $1)",
                [.text(name)])
            return !ids.isEmpty
        }
    }

    /// The uploaded stemcells in upload order.
    public func stemcells() async throws -> [StemcellRecord] {
        try await write { db in
            try await db.query("SELECT * FROM stemcells ORDER BY id").map { row in
                StemcellRecord(
                    name: row.string("name") ?? "", version: row.string("version") ?? "", os: row.string("os") ?? "",
                    apiVersion: row.int("api_version"), cid: row.string("cid") ?? "")
            }
        }
    }

    /// Records an uploaded stemcell.
    /// - Throws: ``StoreError/isConflict`` when that version is recorded already.
    public func add(_ stemcell: StemcellRecord) async throws {
        let now = millis
        let database = self.database
        try await write { db in
            if try await !db.query(
                "SELECT id FROM stemcells WHERE name = $1 AND version = $2", [.text(stemcell.name), .text(stemcell.version)]
            ).isEmpty {
                throw StoreError.conflict(database, "Stemcell '\(stemcell.slug)' already exists")
            }
            try await Self.insert(stemcell, at: now, db)
        }
    }

    static func insert(_ stemcell: StemcellRecord, at now: Int64, _ db: any SQLExecutor) async throws {
        try await db.query(
            "INSERT INTO stemcells (name, version, os, api_version, cid, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [.text(stemcell.name), .text(stemcell.version), .text(stemcell.os), .int(stemcell.apiVersion), .text(stemcell.cid), .integer(now)])
    }

    /// Removes stemcell `name`/`version`; `false` when there was none.
    @discardableResult
    public func removeStemcell(_ name: String, version: String) async throws -> Bool {
        try await write { db in
            !(try await db.query(
                "DELETE FROM stemcells WHERE name = $1 AND version = $2 RETURNING id", [.text(name), .text(version)]
            ).isEmpty)
        }
    }

    /// The compiled packages.
    public func compiledPackages() async throws -> [CompiledPackageRecord] {
        try await write { db in
            try await db.query("SELECT * FROM compiled_packages ORDER BY created_at, key").map { row in
                CompiledPackageRecord(
                    key: row.string("key") ?? "", name: row.string("name") ?? "", version: row.string("version") ?? "",
                    blobstoreID: row.string("blobstore_id") ?? "", sha1: row.string("sha1") ?? "")
            }
        }
    }

    /// Removes the compiled package recorded under `key`.
    public func removeCompiledPackage(key: String) async throws {
        try await single { db in try await db.query("DELETE FROM compiled_packages WHERE key = $1", [.text(key)]) }
    }

    /// Records a compiled package (replacing one with the same key).
    public func add(_ package: CompiledPackageRecord) async throws {
        let now = millis
        try await single { db in try await Self.upsert(package, at: now, db) }
    }

    static func upsert(_ package: CompiledPackageRecord, at now: Int64, _ db: any SQLExecutor) async throws {
        try await db.query(
            """
            INSERT INTO compiled_packages (key, name, version, blobstore_id, sha1, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (key) DO UPDATE SET name = excluded.name, version = excluded.version,
              blobstore_id = excluded.blobstore_id, sha1 = excluded.sha1
            """,
            [.text(package.key), .text(package.name), .text(package.version), .text(package.blobstoreID), .text(package.sha1), .integer(now)])
    }
}
