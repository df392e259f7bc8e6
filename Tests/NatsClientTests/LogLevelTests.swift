import Foundation
import Logging
import NatsClient
import Testing

/// A library logs routine work at debug (swift-log's guidance): connecting and closing say nothing at info.
@Suite("NATS client log levels")
struct LogLevelTests {
    @Test func connectAndCloseLogAtDebug() async throws {
        try await withNatsServer { server in
            let records = RecordedLogs()
            var logger = Logger(label: "nats-levels", factory: { _ in RecordingLogHandler(records: records) })
            logger.logLevel = .trace
            let client = try await NatsClient.connect(testOptions([server.url]), logger: logger)
            try await client.publish("hello", to: "greet.joe")
            try await client.flush()
            await client.close()
            let logged = records.all
            #expect(logged.contains { $0.message == "NATS connected" && $0.level == .debug })
            #expect(logged.contains { $0.message == "NATS connection closed" && $0.level == .debug })
            #expect(logged.allSatisfy { $0.level <= .debug }, "\(logged)")
        }
    }
}

final class RecordedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [(level: Logger.Level, message: String)] = []
    var all: [(level: Logger.Level, message: String)] { lock.withLock { records } }
    func append(_ level: Logger.Level, _ message: String) { lock.withLock { records.append((level, message)) } }
}

struct RecordingLogHandler: LogHandler {
    let records: RecordedLogs
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { records.append(event.level, "\(event.message)") }
}
