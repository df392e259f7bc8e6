import Scheduler

extension DirectorStore {
    /// The names of the recorded deployments, sorted.
    public func deploymentNames() async throws -> [String] {
        try await single { db in
            try await db.query("SELECT name FROM deployments ORDER BY name").compactMap { $0.string("name") }
        }
    }

    /// Every recorded deployment with its instances, by name, read in one transaction.
    public func deployments() async throws -> [DeploymentRecord] {
        let database = self.database
        return try await write { db in
            let instances = try await db.query("SELECT * FROM instances ORDER BY deployment, group_name, idx")
            var byDeployment: [String: [InstanceRecord]] = [:]
            for row in instances {
                byDeployment[row.string("deployment") ?? "", default: []].append(try Self.instance(row, database: database))
            }
            return try await db.query("SELECT * FROM deployments ORDER BY name").map { row in
                var record = try Self.fields(row, database: database)
                record.instances = byDeployment[record.name] ?? []
                return record
            }
        }
    }

    /// The record of deployment `name` with its instances (by group and index), `nil` when there is none.
    public func deployment(_ name: String) async throws -> DeploymentRecord? {
        let database = self.database
        return try await write { db in
            guard let row = try await db.query("SELECT * FROM deployments WHERE name = $1", [.text(name)]).first else { return nil }
            var record = try Self.fields(row, database: database)
            record.instances = try await db.query(
                "SELECT * FROM instances WHERE deployment = $1 ORDER BY group_name, idx", [.text(name)]
            ).map { try Self.instance($0, database: database) }
            return record
        }
    }

    /// Saves a deployment's own fields and replaces its instances with `record.instances`, in one transaction.
    public func save(_ record: DeploymentRecord) async throws {
        let now = millis
        try await write { db in
            try await Self.upsertDeployment(record, at: now, db)
            let keep = Set(record.instances.map(\.id))
            for row in try await db.query("SELECT uuid FROM instances WHERE deployment = $1", [.text(record.name)]) {
                if let id = row.string("uuid"), !keep.contains(id) {
                    try await db.query("DELETE FROM instances WHERE deployment = $1 AND uuid = $2", [.text(record.name), .text(id)])
                }
            }
            for instance in record.instances { try await Self.upsertInstance(instance, deployment: record.name, db) }
        }
    }

    /// Saves a deployment's own fields (manifest, configs, releases, stemcells), not its instances.
    public func saveFields(of record: DeploymentRecord) async throws {
        let now = millis
        try await single { db in try await Self.upsertDeployment(record, at: now, db) }
    }

    /// Saves one instance of deployment `deployment` (which must be recorded): one row, one commit.
    public func save(_ instance: InstanceRecord, deployment: String) async throws {
        try await single { db in try await Self.upsertInstance(instance, deployment: deployment, db) }
    }

    /// Sets whether instance `id` (a uuid) of `deployment` is ignored (`bosh ignore` / `unignore`).
    /// - Returns: `false` when there is no such instance.
    @discardableResult
    public func setIgnored(_ ignored: Bool, deployment: String, instance id: String) async throws -> Bool {
        try await single { db in
            !(try await db.query(
                "UPDATE instances SET ignored = $1 WHERE deployment = $2 AND uuid = $3 RETURNING uuid",
                [.bool(ignored), .text(deployment), .text(id)]
            ).isEmpty)
        }
    }

    /// Removes one instance's row.
    public func removeInstance(_ id: String, deployment: String) async throws {
        try await single { db in
            try await db.query("DELETE FROM instances WHERE deployment = $1 AND uuid = $2", [.text(deployment), .text(id)])
        }
    }

    /// Removes a deployment, its instances and its VM records.
    public func removeDeployment(_ name: String) async throws {
        try await write { db in
            try await db.query("DELETE FROM instances WHERE deployment = $1", [.text(name)])
            try await db.query("DELETE FROM vms WHERE deployment = $1", [.text(name)])
            try await db.query("DELETE FROM problems WHERE deployment = $1", [.text(name)])
            try await db.query("DELETE FROM ip_reservations WHERE deployment = $1", [.text(name)])
            try await db.query("DELETE FROM deployments WHERE name = $1", [.text(name)])
        }
    }

    static func upsertDeployment(_ record: DeploymentRecord, at now: Int64, _ db: any SQLExecutor) async throws {
        try await db.query(
            """
            INSERT INTO deployments (name, manifest, cloud_config, config_ids, releases, stemcells, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (name) DO UPDATE SET manifest = excluded.manifest, cloud_config = excluded.cloud_config,
              config_ids = excluded.config_ids, releases = excluded.releases, stemcells = excluded.stemcells
            """,
            [
                .text(record.name), .text(record.manifest), .text(record.cloudConfig), .text(JSONText.encode(record.configIDs)),
                .text(JSONText.encode(record.releases)), .text(JSONText.encode(record.stemcells)), .integer(now),
            ])
    }

    static func upsertInstance(_ instance: InstanceRecord, deployment: String, _ db: any SQLExecutor) async throws {
        try await db.query(
            """
            INSERT INTO instances (deployment, uuid, group_name, idx, bootstrap, az, state, vm_cid, agent_id, ips,
              disk_cids, spec, configuration_hash, pending, ignored)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (deployment, uuid) DO UPDATE SET group_name = excluded.group_name, idx = excluded.idx,
              bootstrap = excluded.bootstrap, az = excluded.az, state = excluded.state, vm_cid = excluded.vm_cid,
              agent_id = excluded.agent_id, ips = excluded.ips, disk_cids = excluded.disk_cids, spec = excluded.spec,
              configuration_hash = excluded.configuration_hash, pending = excluded.pending
            """,
            [
                .text(deployment), .text(instance.id), .text(instance.group), .int(instance.index), .bool(instance.bootstrap),
                .text(instance.az), .text(instance.state), .text(instance.vmCID), .text(instance.agentID),
                .text(JSONText.encode(instance.addresses)), .text(JSONText.encode(instance.diskCIDs)),
                .text(instance.spec.map { JSONText.encode($0) }), .text(instance.configurationHash), .bool(instance.isPending),
                .bool(instance.isIgnored),
            ])
    }

    /// A deployment row's own fields (no instances).
    static func fields(_ row: SQLRow, database: String) throws -> DeploymentRecord {
        let name = row.string("name") ?? ""
        let what = "deployment '\(name)'"
        var record = DeploymentRecord(name: name)
        record.manifest = row.string("manifest")
        record.cloudConfig = row.string("cloud_config")
        record.configIDs = try JSONText.decode([Int].self, row.string("config_ids"), database: database, what: what) ?? []
        record.releases = try JSONText.decode([String].self, row.string("releases"), database: database, what: what) ?? []
        record.stemcells = try JSONText.decode([String].self, row.string("stemcells"), database: database, what: what) ?? []
        return record
    }

    static func instance(_ row: SQLRow, database: String) throws -> InstanceRecord {
        let id = row.string("uuid") ?? ""
        let what = "instance '\(id)'"
        return InstanceRecord(
            group: row.string("group_name") ?? "", index: row.int("idx") ?? 0, id: id, az: row.string("az"),
            bootstrap: row.bool("bootstrap") ?? false,
            addresses: try JSONText.decode([String: String].self, row.string("ips"), database: database, what: what) ?? [:],
            vmCID: row.string("vm_cid"), agentID: row.string("agent_id"),
            spec: try JSONText.decode(InstanceSpec.self, row.string("spec"), database: database, what: what),
            configurationHash: row.string("configuration_hash"), isPending: row.bool("pending") ?? true,
            state: row.string("state") ?? "started",
            diskCIDs: try JSONText.decode([String].self, row.string("disk_cids"), database: database, what: what) ?? [],
            isIgnored: row.bool("ignored") ?? false)
    }
}
