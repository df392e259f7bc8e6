/// A value bound to, or read from, a SQL statement: the few types the director's schema uses on every engine.
///
/// Times are ``integer(_:)`` milliseconds since 1970, flags are `0`/`1` integers, structured values are JSON
/// ``text(_:)``, and task output is ``bytes(_:)``.
public enum SQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit integer (`BIGINT`).
    case integer(Int64)
    /// UTF-8 text (`TEXT`).
    case text(String)
    /// Raw bytes (`BLOB` on SQLite, `BYTEA` on PostgreSQL).
    case bytes([UInt8])

    /// An optional string as text or `NULL`.
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// An `Int` as an integer.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// An optional `Int` as an integer or `NULL`.
    public static func int(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    /// A flag as `0` or `1`.
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

/// One result row: its values by column name.
public struct SQLRow: Sendable {
    private let values: [String: SQLValue]

    /// A row of `columns` and `values` (the same length, in the statement's column order).
    public init(columns: [String], values: [SQLValue]) {
        var byName: [String: SQLValue] = [:]
        for (name, value) in zip(columns, values) { byName[name] = value }
        self.values = byName
    }

    /// The raw value of `column` (`.null` when the row has no such column).
    public subscript(column: String) -> SQLValue { values[column] ?? .null }

    /// The column as an `Int`, `nil` for `NULL`.
    public func int(_ column: String) -> Int? {
        switch self[column] {
        case .integer(let value): Int(value)
        case .text(let text): Int(text)
        default: nil
        }
    }

    /// The column as a `String`, `nil` for `NULL`.
    public func string(_ column: String) -> String? {
        switch self[column] {
        case .text(let text): text
        case .integer(let value): String(value)
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: nil
        }
    }

    /// The column as a flag (`nil` for `NULL`).
    public func bool(_ column: String) -> Bool? { int(column).map { $0 != 0 } }

    /// The column as bytes (text is returned as its UTF-8 bytes).
    public func bytes(_ column: String) -> [UInt8] {
        switch self[column] {
        case .bytes(let bytes): bytes
        case .text(let text): Array(text.utf8)
        case .integer(let value): Array(String(value).utf8)
        case .null: []
        }
    }
}
