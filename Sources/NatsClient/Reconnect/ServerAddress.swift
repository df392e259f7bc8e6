import Foundation

/// One server of the pool: host, port, and what its URL says about TLS and credentials.
struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    var host: String
    var port: Int
    var tlsRequired: Bool
    var user: String?
    var password: String?
    /// Learned from a server's `connect_urls` rather than configured.
    var discovered: Bool

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `nats://user:pass@host:port`, `tls://host`, `host:port`, `[::1]:4222`.
    init(parsing url: String, discovered: Bool = false) throws {
        var rest = Substring(url.trimmingCharacters(in: .whitespaces))
        tlsRequired = false
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound].lowercased()
            guard ["nats", "tls", "ws", "wss"].contains(name) else {
                throw NatsError(.invalidURL, "unsupported scheme in '\(url)'")
            }
            tlsRequired = name == "tls"
            rest = rest[scheme.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = String(credentials[..<colon]).removingPercentEncodingLite()
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncodingLite()
            } else {
                user = String(credentials).removingPercentEncodingLite()
            }
        }
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw NatsError(.invalidURL, "'\(url)'") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        } else {
            host = String(rest)
        }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw NatsError(.invalidURL, "bad port in '\(url)'")
            }
            port = value
        } else {
            port = 4222
        }
        guard !host.isEmpty else { throw NatsError(.invalidURL, "no host in '\(url)'") }
        self.discovered = discovered
    }

    /// Two addresses name the same server when host and port agree.
    func sameServer(as other: ServerAddress) -> Bool { host == other.host && port == other.port }
}

extension String {
    /// Decodes `%XX` escapes in URL user info.
    fileprivate func removingPercentEncodingLite() -> String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(),
                let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
