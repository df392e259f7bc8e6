/// The director's schema, one logical schema on every engine, as numbered migrations.
///
/// Each migration is a list of statements written once; `{serial}` and `{bytes}` are replaced by the
/// ``SQLDialect``'s spelling. Times are milliseconds since 1970; flags are 0/1; lists and maps are JSON text.
/// A migration, once released, is never edited: a change is a new migration.
enum Schema {
    /// The migrations in order; the schema version is the number of the last one applied.
    static let migrations: [(version: Int, statements: [String])] = [
        (1, version1),
        (2, version2),
    ]

    /// The newest version this code knows.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// `statement` in `dialect`.
    static func render(_ statement: String, _ dialect: SQLDialect) -> String {
        statement.replacingOccurrences(of: "{serial}", with: dialect.serialPrimaryKey)
            .replacingOccurrences(of: "{bytes}", with: dialect.bytesType)
    }

    static let version1 = [
        // The director's own facts (its uuid).
        "CREATE TABLE director_attributes (name TEXT PRIMARY KEY, value TEXT NOT NULL)",

        // Tasks: a queued row is the queue; a worker claims it by setting state and worker in one transaction.
        """
        CREATE TABLE tasks (id {serial}, state TEXT NOT NULL, type TEXT NOT NULL, description TEXT NOT NULL,
          deployment TEXT, username TEXT NOT NULL, context_id TEXT NOT NULL DEFAULT '', payload TEXT,
          worker TEXT, created_at BIGINT NOT NULL, started_at BIGINT, timestamp BIGINT NOT NULL, result TEXT)
        """,
        "CREATE INDEX tasks_state ON tasks (state, id)",
        "CREATE INDEX tasks_deployment ON tasks (deployment, id)",
        // Task output (event, result, debug, cpi) as appended chunks; a chunk's start is its byte offset.
        """
        CREATE TABLE task_outputs (task_id BIGINT NOT NULL, kind TEXT NOT NULL, start BIGINT NOT NULL,
          data {bytes} NOT NULL, PRIMARY KEY (task_id, kind, start))
        """,

        // Events, as `bosh events` shows them.
        """
        CREATE TABLE events (id {serial}, parent_id BIGINT, timestamp BIGINT NOT NULL, username TEXT NOT NULL,
          action TEXT NOT NULL, object_type TEXT NOT NULL, object_name TEXT, task TEXT, deployment TEXT,
          instance TEXT, error TEXT, context TEXT NOT NULL DEFAULT '{}')
        """,
        "CREATE INDEX events_deployment ON events (deployment, id)",

        // Configs: every version kept; the latest live one per type and name is the current config.
        """
        CREATE TABLE configs (id {serial}, type TEXT NOT NULL, name TEXT NOT NULL, content TEXT NOT NULL,
          created_at BIGINT NOT NULL, team TEXT, deleted BIGINT NOT NULL DEFAULT 0)
        """,
        "CREATE INDEX configs_type_name ON configs (type, name, id)",

        // Deployments and their instances.
        """
        CREATE TABLE deployments (name TEXT PRIMARY KEY, manifest TEXT, cloud_config TEXT,
          config_ids TEXT NOT NULL DEFAULT '[]', releases TEXT NOT NULL DEFAULT '[]',
          stemcells TEXT NOT NULL DEFAULT '[]', created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE instances (deployment TEXT NOT NULL REFERENCES deployments (name) ON DELETE CASCADE,
          uuid TEXT NOT NULL, group_name TEXT NOT NULL, idx BIGINT NOT NULL, bootstrap BIGINT NOT NULL,
          az TEXT, state TEXT NOT NULL DEFAULT 'started', vm_cid TEXT, agent_id TEXT,
          ips TEXT NOT NULL DEFAULT '{}', disk_cids TEXT NOT NULL DEFAULT '[]', spec TEXT,
          configuration_hash TEXT, pending BIGINT NOT NULL, PRIMARY KEY (deployment, uuid))
        """,
        "CREATE INDEX instances_agent ON instances (agent_id)",
        // Every VM the director asked a CPI for, recorded before create_vm; the cid once known.
        """
        CREATE TABLE vms (agent_id TEXT PRIMARY KEY, deployment TEXT NOT NULL, instance_uuid TEXT,
          purpose TEXT NOT NULL, cid TEXT, created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX vms_deployment ON vms (deployment)",

        // Releases, their versions, jobs and packages, and compiled packages.
        "CREATE TABLE releases (name TEXT PRIMARY KEY)",
        """
        CREATE TABLE release_versions (id {serial}, release_name TEXT NOT NULL REFERENCES releases (name) ON DELETE CASCADE,
          version TEXT NOT NULL, tarball TEXT NOT NULL, uploaded_at BIGINT NOT NULL, UNIQUE (release_name, version))
        """,
        """
        CREATE TABLE release_jobs (release_version_id BIGINT NOT NULL REFERENCES release_versions (id) ON DELETE CASCADE,
          position BIGINT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, blobstore_id TEXT NOT NULL,
          sha1 TEXT NOT NULL, dependencies TEXT NOT NULL, PRIMARY KEY (release_version_id, position))
        """,
        """
        CREATE TABLE release_packages (release_version_id BIGINT NOT NULL REFERENCES release_versions (id) ON DELETE CASCADE,
          position BIGINT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, blobstore_id TEXT NOT NULL,
          sha1 TEXT NOT NULL, dependencies TEXT NOT NULL, PRIMARY KEY (release_version_id, position))
        """,
        """
        CREATE TABLE compiled_packages (key TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL,
          blobstore_id TEXT NOT NULL, sha1 TEXT NOT NULL, created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE stemcells (id {serial}, name TEXT NOT NULL, version TEXT NOT NULL, os TEXT NOT NULL,
          api_version BIGINT, cid TEXT NOT NULL, uploaded_at BIGINT NOT NULL, UNIQUE (name, version))
        """,

        // Locks: `lock:deployment:NAME`…; taken by one atomic upsert, renewed while held, taken over once expired.
        """
        CREATE TABLE locks (name TEXT PRIMARY KEY, uid TEXT NOT NULL, task_id TEXT NOT NULL, owner TEXT NOT NULL,
          description TEXT NOT NULL, expired_at BIGINT NOT NULL)
        """,

        // The last heartbeat of each agent.
        """
        CREATE TABLE heartbeats (agent_id TEXT PRIMARY KEY, deployment TEXT, job TEXT, idx BIGINT,
          job_state TEXT NOT NULL, received_at BIGINT NOT NULL)
        """,
    ]

    static let version2 = [
        // `bosh ignore`: deploys, the health monitor and cloud-check leave an ignored instance alone.
        "ALTER TABLE instances ADD COLUMN ignored BIGINT NOT NULL DEFAULT 0",
        // The links a release job consumes and provides (`{"consumes": […], "provides": […]}`).
        "ALTER TABLE release_jobs ADD COLUMN links TEXT",
        // cloud-check: the problems the last scan of a deployment found (open until resolved or rescanned).
        """
        CREATE TABLE problems (id {serial}, deployment TEXT NOT NULL, type TEXT NOT NULL, resource_id TEXT NOT NULL,
          instance_uuid TEXT, data TEXT NOT NULL DEFAULT '{}', state TEXT NOT NULL, created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX problems_deployment ON problems (deployment, state)",
        // The addresses each deployment holds (its instances' and those planned): one deployment per address.
        "CREATE TABLE ip_reservations (address TEXT PRIMARY KEY, network TEXT NOT NULL, deployment TEXT NOT NULL)",
        // Blobs the director made for a while (log bundles), removed once expired.
        """
        CREATE TABLE ephemeral_blobs (blobstore_id TEXT PRIMARY KEY, sha1 TEXT NOT NULL, kind TEXT NOT NULL,
          created_at BIGINT NOT NULL)
        """,
    ]
}
