import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Running scripts and talking HTTP over loopback for the example-release test (real processes, real sockets).
enum LocalProcess {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments`, stdout and stderr into `log`; returns the exit status. Throws when it
    /// has not finished after `timeout` seconds (it is killed).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        log: String, timeout: Double = 60
    ) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? output.close() }
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // A script that leaves a daemon holding the descriptors Foundation watches would look alive forever.
        guard waitUntil(seconds: timeout, { !process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            throw Failed(description: "'\(executable) \(arguments.joined(separator: " "))' did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether `pid` is a live process (a zombie waiting to be reaped does not count).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z"
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

/// Loopback TCP for the test: a free port and a one-shot HTTP GET.
enum LoopbackHTTP {
    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A port the kernel just handed out for 127.0.0.1.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, length)
                _ = getsockname(fd, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Sends `GET path` to 127.0.0.1:`port` and reads the whole answer (the server closes the connection);
    /// `nil` when nothing listens.
    static func get(_ path: String, port: Int) -> String? {
        exchange("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: port)
    }

    /// Sends `request` as it is to 127.0.0.1:`port` and reads until the server closes; `nil` when nothing listens.
    static func exchange(_ text: String, port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = address(port: port)
        let connected = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return nil }
        let request = Array(text.utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
