import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Opens one connection: TCP, the server's `INFO`, TLS if either side wants it, `CONNECT` + `PING`, and
/// the first `PONG` (or the `-ERR` that refuses us), all within ``NatsClientOptions/connectTimeout``.
struct Connector: Sendable {
    let core: ClientCore

    func connect(to server: ServerAddress) async throws -> (Channel, NatsServerInfo) {
        let options = core.options
        let handshake = Handshake(eventLoop: core.eventLoop)
        let core = self.core
        // Every promise must end, whichever way this attempt goes (completing twice is a no-op).
        defer { handshake.fail(NatsError(.connectionClosed, "connection attempt ended")) }
        let bootstrap = ClientBootstrap(group: core.eventLoop)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProtocolHandler(core: core, handshake: handshake))
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: server.host, port: server.port).get()
        } catch {
            throw NatsError(.connectionFailed, "\(server): \(error)")
        }
        // Any handshake failure (this deadline included) closes the channel; a deadline that fires after the
        // handshake succeeded changes nothing.
        handshake.ready.futureResult.whenFailure { _ in channel.close(promise: nil) }
        let deadline = core.eventLoop.scheduleTask(in: TimeAmount(options.connectTimeout)) {
            handshake.fail(NatsError(.timeout, "handshake with \(server) after \(options.connectTimeout)"))
        }
        defer { deadline.cancel() }
        do {
            let info = try await handshake.info.futureResult.get()
            let wantsTLS = info.tlsRequired || server.tlsRequired || core.tls != nil
            if wantsTLS {
                try await startTLS(channel, server: server, handshake: handshake)
            }
            var connect = try connectLine(info: info, server: server, tls: wantsTLS)
            connect.writeStaticString("PING\r\n")
            try await channel.writeAndFlush(connect)
            try await handshake.ready.futureResult.get()
            return (channel, info)
        } catch {
            channel.close(promise: nil)
            // A failed write only says "closed channel"; the handshake knows why (timeout, -ERR, TLS).
            _ = try? await channel.closeFuture.get()
            do {
                try await handshake.ready.futureResult.get()
            } catch let reason as NatsError where !(error is NatsError) {
                throw reason
            } catch {}
            throw error
        }
    }

    private func startTLS(_ channel: Channel, server: ServerAddress, handshake: Handshake) async throws {
        let setup = try core.tls ?? TLSSetup(NatsTLSOptions())
        try await channel.eventLoop.submit {
            let handler = try setup.makeHandler(host: server.host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
        try await handshake.tls.futureResult.get()
        let certificate = try await channel.nioSSL_peerCertificate().get()
        do {
            try setup.verifyPeer(certificate)
        } catch {
            handshake.fail(error)
            throw error
        }
    }

    private func connectLine(info: NatsServerInfo, server: ServerAddress, tls: Bool) throws -> ByteBuffer {
        let options = core.options
        var connect = ConnectInfo(
            tlsRequired: tls, name: options.name, version: NatsClientVersion, echo: options.echo)
        connect.headers = info.headers
        connect.noResponders = info.headers
        if let user = server.user {
            if let password = server.password {
                connect.user = user
                connect.pass = password
            } else {
                connect.authToken = user
            }
        } else {
            switch options.authentication {
            case .none: break
            case .userPassword(let user, let password):
                connect.user = user
                connect.pass = password
            case .token(let token): connect.authToken = token
            case .nkey(let publicKey, let sign):
                connect.nkey = publicKey
                connect.sig = try signature(info: info, sign)
            case .jwt(let jwt, let sign):
                connect.jwt = jwt
                connect.sig = try signature(info: info, sign)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var line = ByteBuffer(string: "CONNECT ")
        line.writeBytes(try encoder.encode(connect))
        line.writeStaticString("\r\n")
        return line
    }

    private func signature(info: NatsServerInfo, _ sign: @Sendable ([UInt8]) throws -> [UInt8]) throws -> String? {
        guard let nonce = info.nonce else { return nil }
        let raw = try sign(Array(nonce.utf8))
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
