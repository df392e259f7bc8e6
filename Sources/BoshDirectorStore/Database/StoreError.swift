/// A director store failure: which database, what the store was doing, and why.
///
/// ```
/// Database 'sqlite:/home/me/.boshkit/director.db': cannot open: unable to open database file
/// Database 'postgres://bosh@127.0.0.1:5432/bosh': schema version 7 is newer than this BoshKit knows (5)
/// ```
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case badURL
        case unavailable
        case newerSchema
        case failed
        case lockHeld
        case notFound
        case conflict
    }

    private let code: Code
    /// The database (its URL without a password), or the URL text that could not be parsed.
    public let database: String
    /// What went wrong, in the words shown to the user.
    public let reason: String

    private init(_ code: Code, database: String, reason: String) {
        self.code = code
        self.database = database
        self.reason = reason
    }

    /// The text is no database URL.
    public static func badURL(_ text: String, _ reason: String) -> StoreError {
        StoreError(.badURL, database: text, reason: "is not a database URL: \(reason)")
    }
    /// The database cannot be opened or reached.
    public static func unavailable(_ database: String, _ reason: String) -> StoreError {
        StoreError(.unavailable, database: database, reason: "cannot be opened: \(reason)")
    }
    /// The schema was written by a newer BoshKit.
    public static func newerSchema(_ database: String, found: Int, known: Int) -> StoreError {
        StoreError(
            .newerSchema, database: database,
            reason: "has schema version \(found), newer than this BoshKit knows (\(known)); use a newer BoshKit")
    }
    /// A statement or transaction failed; nothing of the transaction was written.
    public static func failed(_ database: String, _ what: String, _ reason: String) -> StoreError {
        StoreError(.failed, database: database, reason: "\(what) failed: \(reason)")
    }
    /// A lock is held by someone else (the reason is the director's message).
    public static func lockHeld(_ database: String, _ message: String) -> StoreError {
        StoreError(.lockHeld, database: database, reason: message)
    }
    /// A record does not exist.
    public static func notFound(_ database: String, _ message: String) -> StoreError {
        StoreError(.notFound, database: database, reason: message)
    }
    /// A write conflicts with the current state (a stale `expected_latest_id`, a duplicate).
    public static func conflict(_ database: String, _ message: String) -> StoreError {
        StoreError(.conflict, database: database, reason: message)
    }

    /// Whether this is a held lock.
    public var isLockHeld: Bool { code == .lockHeld }
    /// Whether a record was not found.
    public var isNotFound: Bool { code == .notFound }
    /// Whether a write conflicted.
    public var isConflict: Bool { code == .conflict }
    /// Whether the schema is newer than the code.
    public var isNewerSchema: Bool { code == .newerSchema }

    /// `Database '<url>': <reason>`; a held lock is the director's message alone.
    public var description: String {
        switch code {
        case .lockHeld, .notFound, .conflict: reason
        case .badURL: "'\(database)' \(reason)"
        default: "Database '\(database)': \(reason)"
        }
    }
}
