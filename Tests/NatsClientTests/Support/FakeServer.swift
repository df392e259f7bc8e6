import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted TCP "server" on 127.0.0.1 for malformed-input tests: on every connection it sends `script`,
/// then `replies[n]` after the n-th read from the client, then keeps the socket open until stopped.
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
                guard fd >= 0 else {
                    sockets.closeListener()
                    return
                }
                guard sockets.add(fd) else { continue }
                Thread.detachNewThread {
                    script.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if closeAfterScript { shutdown(fd, Int32(SHUT_RDWR)) }
                    var scratch = [UInt8](repeating: 0, count: 4096)
                    var next = 0
                    while recv(fd, &scratch, scratch.count, 0) > 0 {
                        if next < replies.count {
                            replies[next].withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
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
