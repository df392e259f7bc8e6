import Foundation

extension DirectorStore {
    /// Closes the open problems of `deployment` and records `found` as its open problems (one transaction):
    /// what a scan does. An open problem found again keeps its id.
    /// - Returns: the open problems with their ids.
    @discardableResult
    public func replaceProblems(of deployment: String, with found: [ProblemRecord]) async throws -> [ProblemRecord] {
        let now = millis
        return try await write { db in
            var kept: [ProblemRecord] = []
            let open = try await db.query(
                "SELECT * FROM problems WHERE deployment = $1 AND state = 'open'", [.text(deployment)]
            ).map(Self.problem)
            for problem in found {
                if let same = open.first(where: { $0.type == problem.type && $0.instanceID == problem.instanceID }) {
                    kept.append(same)
                    continue
                }
                guard let row = try await db.query(
                    """
                    INSERT INTO problems (deployment, type, resource_id, instance_uuid, state, created_at)
                    VALUES ($1, $2, $3, $3, 'open', $4) RETURNING *
                    """,
                    [.text(deployment), .text(problem.type), .text(problem.instanceID), .integer(now)]
                ).first else { continue }
                kept.append(Self.problem(row))
            }
            let keptIDs = Set(kept.map(\.id))
            for stale in open where !keptIDs.contains(stale.id) {
                try await db.query("UPDATE problems SET state = 'closed' WHERE id = $1", [.int(stale.id)])
            }
            return kept.sorted { $0.id < $1.id }
        }
    }

    /// The problems of `deployment` (open ones unless `all`), oldest first.
    public func problems(of deployment: String, all: Bool = false) async throws -> [ProblemRecord] {
        try await single { db in
            try await db.query(
                "SELECT * FROM problems WHERE deployment = $1\(all ? "" : " AND state = 'open'") ORDER BY created_at, id",
                [.text(deployment)]
            ).map(Self.problem)
        }
    }

    /// Marks problem `id` resolved.
    public func resolveProblem(_ id: Int) async throws {
        try await single { db in try await db.query("UPDATE problems SET state = 'resolved' WHERE id = $1", [.int(id)]) }
    }

    static func problem(_ row: SQLRow) -> ProblemRecord {
        ProblemRecord(
            id: row.int("id") ?? 0, deployment: row.string("deployment") ?? "", type: row.string("type") ?? "",
            instanceID: row.string("instance_uuid") ?? row.string("resource_id") ?? "", state: row.string("state") ?? "open",
            createdAt: date(row.int("created_at")) ?? Date(timeIntervalSince1970: 0))
    }
}
