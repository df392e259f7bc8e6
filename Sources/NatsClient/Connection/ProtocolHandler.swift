import NIOCore
import NIOSSL
import NIOTLS

/// The channel handler of one connection: parses server operations, completes the handshake, then feeds
/// the ``ClientCore``. A parse error closes the connection (and so triggers a reconnect).
final class ProtocolHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case awaitingInfo
        case awaitingPong
        case active
    }

    private let core: ClientCore
    private let handshake: Handshake
    private var phase = Phase.awaitingInfo
    private var parser = ProtocolParser()
    private var cumulation: ByteBuffer?
    private var failure: (any Error)?
    /// Messages of the current read, handed to the core together (created on the first message).
    private var deliveries: MessageChunk?
    /// The size of the next chunk: it doubles while reads fill whole chunks (up to ``maxChunk``) and halves
    /// (down to ``minChunk``) after a read that used less than a quarter of one.
    private var chunkCapacity = 16
    private static let minChunk = 16
    private static let maxChunk = 1024

    init(core: ClientCore, handshake: Handshake) {
        self.core = core
        self.handshake = handshake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if var buffer = cumulation {
            cumulation = nil
            if buffer.readerIndex > 0 {
                var fresh = context.channel.allocator.buffer(capacity: buffer.readableBytes + incoming.readableBytes)
                fresh.writeBuffer(&buffer)
                buffer = fresh
            }
            buffer.writeBuffer(&incoming)
            incoming = buffer
        }
        // The parser, the batch and the phase live in locals while parsing: each access to a stored property
        // of this class costs a dynamic exclusivity check, which adds up at a million messages per second.
        var parser = self.parser
        var batch = self.deliveries
        self.deliveries = nil
        var capacity = self.chunkCapacity
        var active = phase == .active
        defer {
            self.parser = parser
            self.chunkCapacity = capacity
        }
        do {
            while true {
                if active, let message = try parser.nextMessage(&incoming) {
                    collect(message, into: &batch, capacity: &capacity)
                    continue
                }
                guard let operation = try parser.next(&incoming) else { break }
                if active, case .msg(let message) = operation {
                    collect(message, into: &batch, capacity: &capacity)
                } else {
                    deliver(&batch, grow: &capacity)
                    handle(operation, context: context)
                    active = phase == .active
                }
            }
            deliver(&batch, grow: &capacity)
            if incoming.readableBytes > 0 { cumulation = incoming }
        } catch {
            deliver(&batch, grow: &capacity)
            fail(error, context: context)
        }
    }

    /// Adds a message to the read's chunk (started at `capacity`), handing the chunk on once it is full.
    @inline(__always)
    private func collect(_ message: __owned NatsMessage, into batch: inout MessageChunk?, capacity: inout Int) {
        let chunk = batch ?? MessageChunk.make(capacity: capacity)
        chunk.append(message)
        batch = chunk
        if chunk.isFull { deliver(&batch, grow: &capacity) }
    }

    /// Hands the chunk (moved, not copied) to the core and sizes the next one.
    private func deliver(_ batch: inout MessageChunk?, grow capacity: inout Int) {
        guard let chunk = batch else { return }
        batch = nil
        if chunk.isFull {
            capacity = min(capacity * 2, Self.maxChunk)
        } else if chunk.remaining * 4 < capacity {
            capacity = max(capacity / 2, Self.minChunk)
        }
        core.deliver(chunk)
    }

    private func handle(_ operation: ServerOperation, context: ChannelHandlerContext) {
        if case .ping = operation {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(staticString: "PONG\r\n")), promise: nil)
            return
        }
        switch phase {
        case .awaitingInfo:
            guard case .info(let info) = operation else {
                fail(NatsError(.protocolViolation, "expected INFO first, got \(operation)"), context: context)
                return
            }
            phase = .awaitingPong
            handshake.info.succeed(info)
        case .awaitingPong:
            switch operation {
            case .pong:
                phase = .active
                handshake.ready.succeed()
            case .err(let text):
                fail(Self.handshakeError(text), context: context)
            default:
                break
            }
        case .active:
            switch operation {
            case .msg(let message): core.deliver(MessageChunk.make(copying: CollectionOfOne(message)))
            case .pong: core.pongReceived()
            case .info(let info): core.infoUpdated(info)
            case .err(let text): core.serverError(text)
            case .ok, .ping: break
            }
        }
    }

    static func handshakeError(_ text: String) -> NatsError {
        let lower = text.lowercased()
        if lower.contains("authorization") || lower.contains("authentication") {
            return NatsError(.authorizationViolation, text)
        }
        if lower.contains("tls") { return NatsError(.tlsFailure, text) }
        return NatsError(.serverError, text)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { handshake.tls.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if phase == .active, context.channel.isWritable { core.flushWrites() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            fail(NatsError(.tlsFailure, "\(error)"), context: context)
        } else {
            fail(error, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let error = failure ?? NatsError(.connectionClosed, "server closed the connection")
        handshake.fail(error)
        if phase == .active { core.connectionLost(context.channel, error: failure) }
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        if failure == nil { failure = error }
        handshake.fail(failure!)
        cumulation = nil
        context.close(promise: nil)
    }
}
