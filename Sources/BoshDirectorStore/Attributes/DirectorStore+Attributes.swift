extension DirectorStore {
    /// Whether the health monitor's resurrection is paused for every deployment (`bosh update-resurrection off`).
    public func isResurrectionPaused() async throws -> Bool {
        try await attribute("resurrection_paused") == "true"
    }

    /// Pauses or resumes the health monitor's resurrection (`PUT /resurrection`).
    public func setResurrectionPaused(_ paused: Bool) async throws {
        try await setAttribute("resurrection_paused", paused ? "true" : "false")
    }

    /// A director attribute (`director_attributes`), `nil` when unset.
    func attribute(_ name: String) async throws -> String? {
        try await single { db in
            try await db.query("SELECT value FROM director_attributes WHERE name = $1", [.text(name)]).first?.string("value")
        }
    }

    func setAttribute(_ name: String, _ value: String) async throws {
        try await single { db in
            try await db.query(
                "INSERT INTO director_attributes (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [.text(name), .text(value)])
        }
    }
}
