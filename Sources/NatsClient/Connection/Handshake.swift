import NIOCore

/// The promises of one connection attempt: `INFO` received, TLS done, first `PONG` after `CONNECT`.
struct Handshake: Sendable {
    let info: EventLoopPromise<NatsServerInfo>
    let tls: EventLoopPromise<Void>
    let ready: EventLoopPromise<Void>

    init(eventLoop: any EventLoop) {
        info = eventLoop.makePromise()
        tls = eventLoop.makePromise()
        ready = eventLoop.makePromise()
    }

    /// Fails whatever is still pending (completing a promise twice is a no-op in NIO).
    func fail(_ error: any Error) {
        info.fail(error)
        tls.fail(error)
        ready.fail(error)
    }
}
