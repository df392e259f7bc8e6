// TEMPORARY: stand-ins for the infra branch's types, removed when it merges.
import Foundation
import NatsClient
import Logging
import AgentProtocol
import CPIProtocol

struct StateFile<Value: Codable & Sendable>: Sendable {
    let path: String
    init(path: String) { self.path = path }
    func read() throws -> Value? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try JSONDecoder().decode(Value.self, from: data)
    }
    func write(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

struct LocalBlobstore: Sendable {
    let directory: String
    init(directory: String) { self.directory = directory }
    func put(bytes: [UInt8]) throws -> (blobstoreID: String, sha1: String) {
        let id = UUID().uuidString.lowercased()
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + id), options: .atomic)
        return (id, SHA1Shim.hex(bytes))
    }
    func put(file: String) throws -> (blobstoreID: String, sha1: String) {
        try put(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
    }
    func path(of id: String) -> String { directory + "/" + id }
    var settings: BlobstoreSettings { BlobstoreSettings(provider: "local", options: ["blobstore_path": .string(directory)]) }
    func delete(_ id: String) { try? FileManager.default.removeItem(atPath: path(of: id)) }
}

enum SHA1Shim {
    static func hex(_ bytes: [UInt8]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha1sum")
        let i = Pipe(), o = Pipe()
        p.standardInput = i; p.standardOutput = o
        try? p.run()
        i.fileHandleForWriting.write(Data(bytes)); try? i.fileHandleForWriting.close()
        let d = o.fileHandleForReading.readDataToEndOfFile(); p.waitUntilExit()
        return String(decoding: d.prefix(40), as: UTF8.self)
    }
}

final class DeploymentLock: Sendable {
    static func acquire(stateDirectory: String, deployment: String, command: String) throws -> DeploymentLock { DeploymentLock() }
    func release() {}
}

struct LocalNatsServer: Sendable {
    struct Endpoint: Sendable {
        var url: String
        init(url: String) { self.url = url }
        var caPEM: String?
        var agentCertificatePEM: String?
        var agentKeyPEM: String?
        func clientOptions(name: String) -> NatsClientOptions { NatsClientOptions(servers: [url]) }
    }
    static func ensureRunning(stateDirectory: String, logger: Logger) async throws -> Endpoint {
        Endpoint(url: "nats://127.0.0.1:4222")
    }
}

public final class TaskOutput: Sendable {
    public init() {}
    func step<T: Sendable>(_ stage: String, _ task: String, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            print("\(stage): \(task) (\(ContinuousClock.now - start))")
            return value
        } catch {
            print("\(stage): \(task) failed: \(error)")
            throw error
        }
    }
    func line(_ text: String) { print(text) }
}

enum ReleaseSource {
    static func tarball(for path: String, director: LocalDirector) async throws -> String { path }
}
enum LocalStemcellSource {
    static func tarball(os: String, version: String, director: LocalDirector) throws -> String {
        throw DirectorError("no local stemcell yet")
    }
}
extension LocalNatsServer {
    static func stop(stateDirectory: String) throws -> Bool { false }
}
