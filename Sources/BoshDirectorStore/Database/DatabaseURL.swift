import Foundation

/// Where the director keeps its records: `sqlite:PATH` or `postgres://user[:password]@host[:port]/database`.
///
/// ```swift
/// let url = try DatabaseURL(parsing: "postgres://bosh:secret@127.0.0.1:5432/bosh")
/// print(url)   // postgres://bosh@127.0.0.1:5432/bosh — the password is never shown
/// ```
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresLocation)

    /// A PostgreSQL server's address, credentials and database.
    public struct PostgresLocation: Sendable, Hashable {
        /// The user name.
        public var user: String
        /// The password, if any.
        public var password: String?
        /// The host name or address.
        public var host: String
        /// The port (5432 unless given).
        public var port: Int
        /// The database name.
        public var database: String
        /// `require`, `prefer` or `disable` (`sslmode` in the query; default `disable`).
        public var tlsMode: String

        /// Creates a location.
        public init(user: String, password: String?, host: String, port: Int = 5432, database: String, tlsMode: String = "disable") {
            self.user = user
            self.password = password
            self.host = host
            self.port = port
            self.database = database
            self.tlsMode = tlsMode
        }
    }

    /// The default database of a state directory: `sqlite:<state>/director.db`.
    public static func `default`(stateDirectory: String) -> DatabaseURL {
        .sqlite(path: URL(fileURLWithPath: stateDirectory).appendingPathComponent("director.db").standardizedFileURL.path)
    }

    /// Parses `sqlite:PATH` (relative paths are made absolute) or `postgres://…` / `postgresql://…`.
    /// - Throws: ``StoreError`` saying what is wrong with the text (a password in it is not repeated).
    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw StoreError.badURL(text, "sqlite: needs a file path, as in sqlite:state/director.db") }
            self = .sqlite(path: URL(fileURLWithPath: path).standardizedFileURL.path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw StoreError.badURL(Self.redacted(text), "expected sqlite:PATH or postgres://user[:password]@host[:port]/database")
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreError.badURL(Self.redacted(text), "not a URL with a host, as in postgres://user@127.0.0.1:5432/bosh")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.badURL(Self.redacted(text), "no user name, as in postgres://user@\(host)/bosh")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError.badURL(Self.redacted(text), "no database name after the host, as in postgres://\(user)@\(host)/bosh")
        }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw StoreError.badURL(Self.redacted(text), "sslmode must be disable, prefer or require, not '\(mode)'")
        }
        self = .postgres(
            PostgresLocation(
                user: user.removingPercentEncoding ?? user, password: components.password.map { $0.removingPercentEncoding ?? $0 },
                host: host, port: components.port ?? 5432, database: database, tlsMode: mode))
    }

    /// The URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let l): "postgres://\(l.user)@\(l.host):\(l.port)/\(l.database)"
        }
    }

    /// `text` with the password part of a URL replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
