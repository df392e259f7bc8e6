import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scripted TCP "server" on 127.0.0.1 for malformed-input tests: on every connection it sends `script`,
/// then `replies[n]` after the n-th read from the client, then keeps the socket open until stopped.
final class FakeServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var clients: [Int32] = []
    private var stopped = false
    private(set) var connections = 0

    init(script: [UInt8], replies: [[UInt8]] = [], closeAfterScript: Bool = false) throws {
        let (listener, port) = FreePort.bindLoopback()
        self.listener = listener
        self.port = port
        listen(listener, 8)
        Thread.detachNewThread { [weak self] in
            while true {
                let fd = accept(listener, nil, nil)
                guard fd >= 0, let self else { return }
                self.lock.lock()
                if self.stopped {
                    self.lock.unlock()
                    close(fd)
                    return
                }
                self.clients.append(fd)
                self.connections += 1
                self.lock.unlock()
                Thread.detachNewThread {
                    script.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    var scratch = [UInt8](repeating: 0, count: 4096)
                    if closeAfterScript { shutdown(fd, Int32(SHUT_RDWR)) }
                    var next = 0
                    while true {
                        let n = recv(fd, &scratch, scratch.count, 0)
                        if n <= 0 { return }
                        if next < replies.count {
                            replies[next].withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                            next += 1
                        }
                    }
                }
            }
        }
    }

    var url: String { "nats://127.0.0.1:\(port)" }

    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    func stop() {
        lock.lock()
        stopped = true
        let fds = clients
        clients = []
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in fds {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    deinit { stop() }

    static let info = Array("INFO {\"server_id\":\"FAKE\",\"version\":\"0.0.0\",\"max_payload\":1048576,\"headers\":true}\r\n".utf8)
}
