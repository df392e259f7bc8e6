import NIOCore

/// A message delivered by the server to a subscription or as a reply.
public struct NatsMessage: Sendable {
    /// The subject the message was published to.
    public var subject: String
    /// The subject to send a reply to, if the publisher asked for one.
    public var replyTo: String?
    /// The headers, if the message was sent with `HPUB`.
    public var headers: NatsHeaders? {
        get { headerBox?.headers }
        set { headerBox = newValue.map(HeaderBox.init) }
    }
    /// The payload bytes.
    public var payload: ByteBuffer

    /// The subscription id the server delivered the message under.
    let sid: UInt64
    /// Headers live behind one reference so that moving a message through buffers stays cheap.
    private var headerBox: HeaderBox?

    /// Creates a message (for tests and fakes; messages normally come from the server).
    public init(subject: String, replyTo: String? = nil, headers: NatsHeaders? = nil, payload: ByteBuffer) {
        self.init(sid: 0, subject: subject, replyTo: replyTo, headers: headers, payload: payload)
    }

    init(sid: UInt64, subject: String, replyTo: String?, headers: NatsHeaders?, payload: ByteBuffer) {
        self.sid = sid
        self.subject = subject
        self.replyTo = replyTo
        self.headerBox = headers.map(HeaderBox.init)
        self.payload = payload
    }

    /// The payload decoded as UTF-8.
    public var string: String { String(buffer: payload) }

    /// The payload as an array of bytes.
    public var bytes: [UInt8] { Array(payload.readableBytesView) }
}

/// An immutable holder for a message's headers.
private final class HeaderBox: Sendable {
    let headers: NatsHeaders
    init(_ headers: NatsHeaders) { self.headers = headers }
}
