import BoshDirectorStore
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the end-to-end demo tests: a state directory, HTTP over a plain socket, and the processes a
/// deployment leaves on the machine.
struct LocalDeployment: Sendable {
    let state: String

    init() {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-e2e-\(UUID().uuidString.prefix(8))").path
    }

    /// `boshkit ARGS --state STATE`.
    func boshkit(_ arguments: [String]) throws -> BoshKitProcess.Result {
        try BoshKitProcess.runBlocking(arguments + ["--state", state])
    }

    /// The deployment's record, read from the state directory's database as the director wrote it.
    func record(_ deployment: String) throws -> DeploymentRecord {
        let path = state + "/director.db"
        guard FileManager.default.fileExists(atPath: path) else { throw TestError("no database at \(path)") }
        let found = try Self.blocking {
            let store = try await DirectorStore.open(sqlitePath: path)
            do {
                let record = try await store.deployment(deployment)
                await store.close()
                return record
            } catch {
                await store.close()
                throw error
            }
        }
        guard let found else { throw TestError("no deployment '\(deployment)' recorded") }
        return found
    }

    /// The tasks of `type` (newest first) with their event output, as the director stored them.
    func tasks(type: String) throws -> [(state: String, events: String)] {
        let path = state + "/director.db"
        return try Self.blocking {
            let store = try await DirectorStore.open(sqlitePath: path)
            var found: [(String, String)] = []
            for task in (try? await store.tasks(TaskFilter(types: [type]))) ?? [] {
                let events = (try? await store.output(of: task.id, kind: .event).bytes) ?? []
                found.append((task.state.rawValue, String(decoding: events, as: UTF8.self)))
            }
            await store.close()
            return found
        }
    }

    /// The names of the locks held now.
    func locks() throws -> [String] {
        let path = state + "/director.db"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try Self.blocking {
            let store = try await DirectorStore.open(sqlitePath: path)
            let locks = (try? await store.locks()) ?? []
            await store.close()
            return locks.map(\.name)
        }
    }

    /// The recorded instances: (group, index, id, vmCID, ip).
    func instances(_ deployment: String) throws -> [(group: String, index: Int, id: String, vm: String?, ip: String?)] {
        try record(deployment).instances.map { ($0.group, $0.index, $0.id, $0.vmCID, $0.addresses["default"]) }
    }

    /// Runs async `body` from a blocking test (off the cooperative pool) and waits for it.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        Task {
            let value: Result<T, any Error>
            do { value = .success(try await body()) } catch { value = .failure(error) }
            result.withLock { $0 = value }
            semaphore.signal()
        }
        semaphore.wait()
        return try result.withLock { $0! }.get()
    }

    /// The pid of a VM's agent, from the local CPI's VM record.
    func agentPID(vm: String) throws -> Int32? {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(state)/cpi/vms/\(vm)/vm.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((json?["agent"] as? [String: Any])?["pid"] as? Int).map(Int32.init)
    }

    /// Processes whose command line or working directory mention the state directory.
    func leftoverProcesses() -> [String] {
        var found: [String] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != getpid() else { continue }
            let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0.map { $0 == 0 ? 32 : $0 }, as: UTF8.self) } ?? ""
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if stat.contains(") Z ") { continue }
            if cmdline.contains(state) || cwd.hasPrefix(state) { found.append("\(pid): \(cmdline)") }
        }
        return found
    }

    /// Kills whatever is left (used when a test fails half-way).
    func killLeftovers() {
        for line in leftoverProcesses() {
            if let pid = Int32(line.prefix { $0 != ":" }) { kill(pid, SIGKILL) }
        }
    }

    /// `GET path` from `host:port` over a plain TCP socket; `nil` when nothing answers.
    static func get(_ host: String, _ port: UInt16, path: String = "/", timeout: Int = 3) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(host)\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        return response.isEmpty ? nil : String(decoding: response, as: UTF8.self)
    }

    /// Polls `condition` every 250 ms until it holds or `seconds` pass.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(250_000)
        }
        return try condition()
    }
}

/// A test's own failure with a message.
struct TestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
