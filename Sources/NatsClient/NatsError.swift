/// An error thrown or reported by ``NatsClient``.
///
/// Errors compare equal by kind only, so a test can match with `#expect(throws: NatsError.noResponders)`;
/// ``context`` carries the human detail (a server message, a subject, a size).
public struct NatsError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Code: String, Hashable, Sendable {
        case invalidURL
        case invalidSubject
        case invalidHeader
        case connectionFailed
        case connectionClosed
        case notConnected
        case timeout
        case noResponders
        case maxPayloadExceeded
        case protocolViolation
        case authorizationViolation
        case serverError
        case tlsFailure
        case reconnectBufferExceeded
        case staleConnection
    }

    let code: Code

    /// Detail about this occurrence: the server's `-ERR` text, the offending subject, sizes.
    public let context: String?

    init(_ code: Code, _ context: String? = nil) {
        self.code = code
        self.context = context
    }

    /// Errors are equal when their kinds are, whatever their ``context``.
    public static func == (lhs: NatsError, rhs: NatsError) -> Bool { lhs.code == rhs.code }

    /// Hashes the kind only, consistent with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `NatsError.<kind>` followed by the context, if any.
    public var description: String {
        guard let context else { return "NatsError.\(code.rawValue)" }
        return "NatsError.\(code.rawValue): \(context)"
    }

    /// A server URL could not be parsed.
    public static let invalidURL = NatsError(.invalidURL)
    /// A subject, queue group or reply subject is empty or contains whitespace.
    public static let invalidSubject = NatsError(.invalidSubject)
    /// A header name or value contains a line break or a colon in the name.
    public static let invalidHeader = NatsError(.invalidHeader)
    /// No server in the pool accepted a connection.
    public static let connectionFailed = NatsError(.connectionFailed)
    /// The client was closed; the operation cannot complete.
    public static let connectionClosed = NatsError(.connectionClosed)
    /// The operation needs a live connection and the client is reconnecting.
    public static let notConnected = NatsError(.notConnected)
    /// An operation did not complete within its timeout.
    public static let timeout = NatsError(.timeout)
    /// A request found no subscriber on its subject (the server answered with status 503).
    public static let noResponders = NatsError(.noResponders)
    /// A message is larger than the server's `max_payload`; nothing was sent.
    public static let maxPayloadExceeded = NatsError(.maxPayloadExceeded)
    /// The server sent bytes that are not the NATS protocol (garbage, an oversized line or message).
    public static let protocolViolation = NatsError(.protocolViolation)
    /// The server refused the credentials (`-ERR 'Authorization Violation'`).
    public static let authorizationViolation = NatsError(.authorizationViolation)
    /// The server sent another `-ERR`; see ``context``.
    public static let serverError = NatsError(.serverError)
    /// TLS was required but could not be set up, or the handshake or peer verification failed.
    public static let tlsFailure = NatsError(.tlsFailure)
    /// The client is reconnecting and its publish buffer is full.
    public static let reconnectBufferExceeded = NatsError(.reconnectBufferExceeded)
    /// The server stopped answering keep-alive pings.
    public static let staleConnection = NatsError(.staleConnection)
}
