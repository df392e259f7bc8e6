import Foundation

extension DirectorStore {
    /// Records the intent to create a VM (before `create_vm`), or its cid (after).
    public func save(_ vm: VMRecord) async throws {
        let now = millis
        try await single { db in
            try await db.query(
                """
                INSERT INTO vms (agent_id, deployment, instance_uuid, purpose, cid, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (agent_id) DO UPDATE SET cid = excluded.cid, instance_uuid = excluded.instance_uuid
                """,
                [.text(vm.agentID), .text(vm.deployment), .text(vm.instanceID), .text(vm.purpose), .text(vm.cid), .integer(now)])
        }
    }

    /// The VMs recorded for `deployment`.
    public func vms(of deployment: String) async throws -> [VMRecord] {
        try await single { db in
            try await db.query("SELECT * FROM vms WHERE deployment = $1 ORDER BY created_at, agent_id", [.text(deployment)]).map { row in
                VMRecord(
                    agentID: row.string("agent_id") ?? "", deployment: row.string("deployment") ?? "",
                    instanceID: row.string("instance_uuid"), purpose: row.string("purpose") ?? "", cid: row.string("cid"),
                    createdAt: Self.date(row.int("created_at")) ?? now())
            }
        }
    }

    /// Forgets a VM (after `delete_vm` succeeded or found it gone).
    public func removeVM(agentID: String) async throws {
        try await single { db in try await db.query("DELETE FROM vms WHERE agent_id = $1", [.text(agentID)]) }
    }

    /// Forgets the VMs with cloud id `cid`.
    public func removeVMs(cid: String) async throws {
        try await single { db in try await db.query("DELETE FROM vms WHERE cid = $1", [.text(cid)]) }
    }

    /// Records an agent's heartbeat (the latest one per agent is kept).
    public func recordHeartbeat(agentID: String, deployment: String?, job: String?, index: Int?, jobState: String) async throws {
        let now = millis
        try await single { db in
            try await db.query(
                """
                INSERT INTO heartbeats (agent_id, deployment, job, idx, job_state, received_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (agent_id) DO UPDATE SET deployment = excluded.deployment, job = excluded.job, idx = excluded.idx,
                  job_state = excluded.job_state, received_at = excluded.received_at
                """,
                [.text(agentID), .text(deployment), .text(job), .int(index), .text(jobState), .integer(now)])
        }
    }

    /// The last heartbeat of `agentID`: its job state and when it came.
    public func lastHeartbeat(agentID: String) async throws -> (jobState: String, receivedAt: Date)? {
        try await single { db in
            try await db.query("SELECT job_state, received_at FROM heartbeats WHERE agent_id = $1", [.text(agentID)]).first.map {
                ($0.string("job_state") ?? "", Self.date($0.int("received_at")) ?? now())
            }
        }
    }
}
