import Foundation

/// The director's task event line: one JSON object per line, as `GET /tasks/N/output?type=event` serves it
/// (`time`, `stage`, `tags`, `task`, `index`, `total`, `state`, `progress`, `data.error`; or `error` with
/// `code` and `message`; or `type: warning` with `message`).
enum TaskEventLine {
    enum Value: Sendable, Hashable, Encodable {
        case int(Int)
        case string(String)
        case strings([String])
        case object([String: Value])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }

    /// `line` as compact JSON (sorted keys) and a newline.
    static func encode(_ line: [String: Value]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(line)) ?? Data("{}".utf8)) + [0x0a]
    }
}
