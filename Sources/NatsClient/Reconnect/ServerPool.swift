/// The servers a client may connect to: configured ones plus those discovered from cluster `INFO`s.
struct ServerPool: Sendable {
    private(set) var servers: [ServerAddress]
    /// The server of the current (or last) connection.
    private(set) var current: ServerAddress?

    init(urls: [String], randomize: Bool) throws {
        var parsed: [ServerAddress] = []
        for url in urls {
            let address = try ServerAddress(parsing: url)
            if !parsed.contains(where: { $0.sameServer(as: address) }) { parsed.append(address) }
        }
        guard !parsed.isEmpty else { throw NatsError(.invalidURL, "no servers given") }
        servers = randomize ? parsed.shuffled() : parsed
    }

    mutating func markCurrent(_ server: ServerAddress) { current = server }

    /// The order to try for a reconnect: the servers after the current one, the current one last.
    func reconnectOrder() -> [ServerAddress] {
        guard let current, let index = servers.firstIndex(where: { $0.sameServer(as: current) }) else {
            return servers
        }
        return Array(servers[(index + 1)...] + servers[...index])
    }

    /// Adds `host:port` entries from `connect_urls`; returns the new ones.
    mutating func discover(_ urls: [String], template: ServerAddress?) -> [ServerAddress] {
        var added: [ServerAddress] = []
        for url in urls {
            guard var address = try? ServerAddress(parsing: url, discovered: true) else { continue }
            if servers.contains(where: { $0.sameServer(as: address) }) { continue }
            address.tlsRequired = template?.tlsRequired ?? false
            address.user = template?.user
            address.password = template?.password
            servers.append(address)
            added.append(address)
        }
        return added
    }
}
