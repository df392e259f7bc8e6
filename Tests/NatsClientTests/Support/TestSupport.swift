import Foundation
import Logging
import NatsClient

/// Fails with `TimedOut` instead of hanging when `body` takes longer than `seconds`.
func withTimeout<T: Sendable>(
    _ seconds: Double, _ what: String = "operation", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw TimedOut(what: what, seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var seconds: Double
    var description: String { "\(what) did not finish within \(seconds) s" }
}

/// Collects up to `count` messages from a subscription within `seconds`.
func collect(_ subscription: NatsSubscription, count: Int, within seconds: Double = 15) async throws -> [NatsMessage] {
    try await withTimeout(seconds, "receiving \(count) messages on \(subscription.subject)") {
        var messages: [NatsMessage] = []
        for await message in subscription {
            messages.append(message)
            if messages.count == count { break }
        }
        return messages
    }
}

/// Waits for the first event matching `predicate`.
func waitForEvent(
    _ events: AsyncStream<NatsEvent>, within seconds: Double = 15, _ predicate: @escaping @Sendable (NatsEvent) -> Bool
) async throws -> NatsEvent {
    let box = UncheckedBox(events)
    return try await withTimeout(seconds, "waiting for an event") {
        for await event in box.value where predicate(event) { return event }
        throw TimedOut(what: "event stream ended", seconds: seconds)
    }
}

/// The first `.disconnected`, `.reconnected` or `.closed` event (whichever `kind` names).
func waitFor(_ kind: EventKind, _ events: AsyncStream<NatsEvent>, within seconds: Double = 15) async throws -> NatsEvent {
    try await waitForEvent(events, within: seconds) { event in
        switch (kind, event) {
        case (.disconnected, .disconnected), (.reconnected, .reconnected), (.closed, .closed),
            (.disconnectedOrClosed, .disconnected), (.disconnectedOrClosed, .closed):
            return true
        default:
            return false
        }
    }
}

enum EventKind: Sendable {
    case disconnected, reconnected, closed, disconnectedOrClosed
}

struct UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Options for tests: fast reconnects and a short connect timeout.
func testOptions(_ urls: [String], configure: (inout NatsClientOptions) -> Void = { _ in }) -> NatsClientOptions {
    var options = NatsClientOptions(
        servers: urls, connectTimeout: .seconds(10), maxReconnectAttempts: 100, reconnectWait: .milliseconds(50),
        reconnectJitter: .milliseconds(20), reconnectJitterTLS: .milliseconds(20), noRandomize: true)
    configure(&options)
    return options
}

let testLogger: Logger = {
    var logger = Logger(label: "nats-test", factory: { _ in SwiftLogNoOpLogHandler() })
    if ProcessInfo.processInfo.environment["NATS_TEST_LOG"] != nil {
        logger = Logger(label: "nats-test")
        logger.logLevel = .debug
    }
    return logger
}()
