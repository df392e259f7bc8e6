import Foundation
import Logging

/// Collects log lines for a response's `log` field.
final class ResponseLog: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ line: String) {
        lock.lock()
        text += line
        lock.unlock()
    }

    var contents: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }
}

/// A `LogHandler` writing `<timestamp> <level> <message> <metadata>` lines into a ``ResponseLog``.
struct ResponseLogHandler: LogHandler {
    let sink: ResponseLog
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(sink: ResponseLog, logLevel: Logger.Level) {
        self.sink = sink
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let timestamp = Date().formatted(.iso8601)
        sink.append("\(timestamp) \(event.level) \(event.message)\(rendered.isEmpty ? "" : " " + rendered)\n")
    }
}
