import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted TCP "server" on 127.0.0.1 for malformed-input tests: on every connection it sends `script`, then
/// `replies[0]` once the client's handshake `PING` arrived and each further reply after the client's next `PUB`
/// (whatever the TCP segmentation), then keeps the socket open until stopped.
final class FakeServer: @unchecked Sendable {
    let port: Int
    private let sockets: SocketSet

    init(script: [UInt8], replies: [[UInt8]] = [], closeAfterScript: Bool = false) throws {
        let (listener, port) = FreePort.bindLoopback()
        self.port = port
        listen(listener, 8)
        let sockets = SocketSet(listener: listener)
        self.sockets = sockets
        Thread.detachNewThread {
            while true {
                let fd = accept(listener, nil, nil)
                // Signals (SIGCHLD from processes other tests spawn) interrupt system calls: retry those.
                if fd < 0, errno == EINTR || errno == ECONNABORTED { continue }
                guard fd >= 0 else {
                    sockets.closeListener()
                    return
                }
                guard sockets.add(fd) else { continue }
                Thread.detachNewThread {
                    sendAll(fd, script)
                    if closeAfterScript { shutdown(fd, Int32(SHUT_RDWR)) }
                    var scratch = [UInt8](repeating: 0, count: 4096)
                    var seen = ""
                    var next = 0
                    while true {
                        let received = recv(fd, &scratch, scratch.count, 0)
                        if received < 0, errno == EINTR { continue }
                        guard received > 0 else { break }
                        seen += String(decoding: scratch[0..<received], as: UTF8.self)
                        let trigger = next == 0 ? "PING\r\n" : "PUB "
                        if next < replies.count, let hit = seen.range(of: trigger) {
                            seen = String(seen[hit.upperBound...])
                            sendAll(fd, replies[next])
                            next += 1
                        }
                    }
                    sockets.close(fd)
                }
            }
        }
    }

    var url: String { "nats://127.0.0.1:\(port)" }

    /// Shuts every socket down; the threads that own them close them (each descriptor exactly once, so a
    /// number reused by the client under test is never touched). Safe to call twice.
    func stop() { sockets.shutdownAll() }

    deinit { stop() }

    static let info = Array("INFO {\"server_id\":\"FAKE\",\"version\":\"0.0.0\",\"max_payload\":1048576,\"headers\":true}\r\n".utf8)
}

/// Writes all of `bytes`, retrying interrupted and partial sends; gives up when the peer is gone.
private func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
        if sent < 0, errno == EINTR { continue }
        guard sent > 0 else { return }
        offset += sent
    }
}

/// The descriptors of a ``FakeServer`` and who may still touch them.
private final class SocketSet: @unchecked Sendable {
    private let lock = NSLock()
    private let listener: Int32
    private var listenerOpen = true
    private var clients: Set<Int32> = []
    private var stopped = false

    init(listener: Int32) { self.listener = listener }

    /// Registers an accepted connection, or closes it at once when stopped.
    func add(_ fd: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped {
            Glibc.close(fd)
            return false
        }
        clients.insert(fd)
        return true
    }

    func close(_ fd: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if clients.remove(fd) != nil { Glibc.close(fd) }
    }

    func closeListener() {
        lock.lock()
        defer { lock.unlock() }
        if listenerOpen {
            listenerOpen = false
            Glibc.close(listener)
        }
    }

    func shutdownAll() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if listenerOpen { shutdown(listener, Int32(SHUT_RDWR)) }
        for fd in clients { shutdown(fd, Int32(SHUT_RDWR)) }
    }
}
