import NIOCore

/// One protocol operation received from the server.
enum ServerOperation: Sendable {
    case info(NatsServerInfo)
    case msg(NatsMessage)
    case ping
    case pong
    case ok
    case err(String)
}
