import NIOCore
import NIOSSL

/// Builds the NIOSSL context and client handler for one connection attempt.
struct TLSSetup: Sendable {
    let options: NatsTLSOptions
    let context: NIOSSLContext

    init(_ options: NatsTLSOptions) throws {
        self.options = options
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = options.minimumTLSVersion
        do {
            if let roots = options.trustRoots {
                config.trustRoots = .certificates(try Self.certificates(roots))
            }
            if let cert = options.clientCertificate {
                config.certificateChain = try Self.certificates(cert).map { .certificate($0) }
            }
            if let key = options.privateKey {
                switch key {
                case .pem(let text): config.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem))
                case .file(let path): config.privateKey = .privateKey(try NIOSSLPrivateKey(file: path, format: .pem))
                }
            }
            switch options.serverNameCheck {
            case .urlHost, .name: config.certificateVerification = .fullVerification
            case .certificateNames, .custom: config.certificateVerification = .noHostnameVerification
            }
            context = try NIOSSLContext(configuration: config)
        } catch {
            throw NatsError(.tlsFailure, "TLS configuration: \(error)")
        }
    }

    private static func certificates(_ source: NatsTLSOptions.Source) throws -> [NIOSSLCertificate] {
        let certs: [NIOSSLCertificate]
        switch source {
        case .pem(let text): certs = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
        case .file(let path): certs = try NIOSSLCertificate.fromPEMFile(path)
        }
        guard !certs.isEmpty else { throw NatsError(.tlsFailure, "no certificate in \(source)") }
        return certs
    }

    /// The client handler for a connection to `host` (must run on the channel's event loop).
    func makeHandler(host: String) throws -> NIOSSLClientHandler {
        let hostname: String?
        switch options.serverNameCheck {
        case .urlHost: hostname = Self.isIPAddress(host) ? nil : host
        case .name(let name): hostname = name
        case .certificateNames, .custom: hostname = nil
        }
        // Without a hostname NIOSSL checks the IP address SANs against the connected address.
        return try NIOSSLClientHandler(context: context, serverHostname: hostname)
    }

    /// Applies the post-handshake name check; the chain itself was already verified by BoringSSL.
    func verifyPeer(_ certificate: NIOSSLCertificate?) throws {
        let check: @Sendable (NatsPeerCertificate) -> Bool
        switch options.serverNameCheck {
        case .urlHost, .name: return
        case .certificateNames(let pattern): check = { peer in Self.peer(peer, matches: pattern) }
        case .custom(let predicate): check = predicate
        }
        guard let certificate else { throw NatsError(.tlsFailure, "server presented no certificate") }
        let peer = NatsPeerCertificate(certificate)
        guard check(peer) else {
            throw NatsError(
                .tlsFailure,
                "server certificate names \(([peer.commonName].compactMap { $0 } + peer.dnsNames)) fail the name check")
        }
    }

    static func peer(_ peer: NatsPeerCertificate, matches pattern: String) -> Bool {
        let names = peer.dnsNames + (peer.commonName.map { [$0] } ?? [])
        return names.contains { name in nameMatches(name.lowercased(), pattern.lowercased()) }
    }

    /// `*.a.b` matches `x.a.b` and the literal `*.a.b`; otherwise names compare exactly (case-insensitively).
    static func nameMatches(_ name: String, _ pattern: String) -> Bool {
        if name == pattern { return true }
        guard pattern.hasPrefix("*.") else { return false }
        let suffix = pattern.dropFirst(1)
        guard name.hasSuffix(suffix) else { return false }
        let label = name.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".") && label != "*"
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

extension NatsPeerCertificate {
    init(_ certificate: NIOSSLCertificate) {
        var dns: [String] = []
        var ips: [String] = []
        for name in certificate._subjectAlternativeNames() {
            switch name.nameType {
            case .dnsName: dns.append(name.contents.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) })
            case .ipAddress:
                let raw = name.contents.withUnsafeBufferPointer { Array($0) }
                if raw.count == 4 {
                    ips.append(raw.map(String.init).joined(separator: "."))
                } else if raw.count == 16 {
                    ips.append(stride(from: 0, to: 16, by: 2).map { String(UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]), radix: 16) }.joined(separator: ":"))
                }
            default: break
            }
        }
        // NIOSSL exposes the common name only through its description (`…;common_name=NAME;…>`).
        var commonName: String?
        let text = certificate.description
        if let range = text.range(of: ";common_name=") {
            commonName = String(text[range.upperBound...].prefix { $0 != ";" && $0 != ">" })
        }
        self.init(
            commonName: commonName, dnsNames: dns, ipAddresses: ips, der: (try? certificate.toDERBytes()) ?? [])
    }
}
