import BoshDirectorStore
import Foundation
import Logging

/// The task a log line belongs to, while a task runs (``LocalDirector/withTaskLog(_:_:)``).
enum TaskLogContext {
    @TaskLocal static var appender: TaskOutputAppender?
}

/// A log handler that also writes every line logged while a task runs (at debug and above, whatever the
/// wrapped handler's level) to that task's `debug` output, in the director's debug log format; CPI lines (those
/// with a `cpi.request_id`) go to its `cpi` output too. Outside a task it is the wrapped handler.
struct TaskLogHandler: LogHandler {
    var base: any LogHandler
    let label: String

    /// `logger` with its handler wrapped.
    static func wrap(_ logger: Logger) -> Logger {
        var wrapped = logger
        wrapped.handler = TaskLogHandler(base: logger.handler, label: logger.label)
        return wrapped
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { TaskLogContext.appender == nil ? base.logLevel : .debug }
        set { base.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level >= base.logLevel { base.log(event: event) }
        guard let appender = TaskLogContext.appender else { return }
        var all = base.metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let line = Self.format(event.level, label: label, message: "\(event.message)", metadata: all)
        appender.append(Array(line.utf8), kind: .debug)
        if all["cpi.request_id"] != nil { appender.append(Array(line.utf8), kind: .cpi) }
    }

    /// `D, [2026-12-07T06:33:36.123456 #42] DEBUG -- boshkit.director: message key=value`, as the director's
    /// Ruby logger writes its debug log.
    static func format(_ level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date = Date()) -> String {
        let name: String
        switch level {
        case .trace, .debug: name = "DEBUG"
        case .info, .notice: name = "INFO"
        case .warning: name = "WARN"
        case .error: name = "ERROR"
        case .critical: name = "FATAL"
        }
        let seconds = date.timeIntervalSince1970
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let micros = Int((seconds - Double(time)) * 1_000_000)
        let stamp = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
        let fields = metadata.sorted { $0.key < $1.key }.map { field in
            var value = "\(field.value)"
            while value.last?.isNewline == true { value.removeLast() }
            return "\(field.key)=\(value)"
        }.joined(separator: " ")
        return "\(name.prefix(1)), [\(stamp) #\(getpid())] \(name) -- \(label): \(message)\(fields.isEmpty ? "" : " " + fields)\n"
    }
}

extension LocalDirector {
    /// Runs `body` with everything the director, its CPI client and its agent client log going to the task's
    /// `debug` output (and CPI lines to its `cpi` output) as well: what `bosh task N --debug` and `--cpi` show.
    public func withTaskLog<T>(_ output: TaskOutput, _ body: () async throws -> T) async rethrows -> T {
        guard let appender = appenders.withLock({ $0[output.taskID] }) else { return try await body() }
        return try await TaskLogContext.$appender.withValue(appender) { try await body() }
    }
}
