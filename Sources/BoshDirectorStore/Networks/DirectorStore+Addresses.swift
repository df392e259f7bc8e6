extension DirectorStore {
    /// The addresses held by deployments other than `deployment`: their reservations and their instances'
    /// recorded addresses.
    public func addressesElsewhere(than deployment: String) async throws -> Set<String> {
        let database = self.database
        return try await write { db in
            var found = Set(
                try await db.query("SELECT address FROM ip_reservations WHERE deployment <> $1", [.text(deployment)])
                    .compactMap { $0.string("address") })
            for row in try await db.query("SELECT uuid, ips FROM instances WHERE deployment <> $1", [.text(deployment)]) {
                let ips = try JSONText.decode(
                    [String: String].self, row.string("ips"), database: database, what: "instance '\(row.string("uuid") ?? "")'")
                found.formUnion(ips?.values ?? [:].values)
            }
            return found
        }
    }

    /// Makes `addresses` (address → network) the reservations of `deployment`, in one transaction, unless
    /// another deployment holds one of them.
    /// - Returns: the addresses another deployment holds, by address, with that deployment's name (empty when
    ///   the reservation was made).
    @discardableResult
    public func reserveAddresses(_ addresses: [String: String], for deployment: String) async throws -> [String: String] {
        let database = self.database
        return try await write { db in
            var taken: [String: String] = [:]
            for row in try await db.query("SELECT address, deployment FROM ip_reservations WHERE deployment <> $1", [.text(deployment)]) {
                if let address = row.string("address"), addresses[address] != nil { taken[address] = row.string("deployment") ?? "?" }
            }
            for row in try await db.query("SELECT deployment, ips FROM instances WHERE deployment <> $1", [.text(deployment)]) {
                let owner = row.string("deployment") ?? "?"
                let ips = try JSONText.decode([String: String].self, row.string("ips"), database: database, what: "instances of '\(owner)'")
                for address in ips?.values ?? [:].values where addresses[address] != nil { taken[address] = owner }
            }
            guard taken.isEmpty else { return taken }
            try await db.query("DELETE FROM ip_reservations WHERE deployment = $1", [.text(deployment)])
            for (address, network) in addresses.sorted(by: { $0.key < $1.key }) {
                // A concurrent reservation (PostgreSQL's read committed lets two get here): reported as taken.
                let inserted = try await db.query(
                    """
                    INSERT INTO ip_reservations (address, network, deployment) VALUES ($1, $2, $3)
                    ON CONFLICT (address) DO NOTHING RETURNING address
                    """,
                    [.text(address), .text(network), .text(deployment)])
                if inserted.isEmpty { taken[address] = "another deployment" }
            }
            return taken
        }
    }
}
