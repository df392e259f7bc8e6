import AsyncHTTPClient
import BoshDirectorAPI
import BoshDirectorStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// A director API on a free loopback port over a fresh SQLite store, and an HTTPS client that trusts its CA.
struct APIHarness {
    let store: DirectorStore
    let credentials: DirectorCredentials
    let port: Int
    let client: HTTPClient
    let server: Task<Void, any Error>
    let directory: String

    static func withAPI(tlsVersion12Only: Bool = false, _ body: (APIHarness) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boshkit-api-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await DirectorStore.open(sqlitePath: directory + "/director.db")
        let credentials = try DirectorCredentials.loadOrGenerate(stateDirectory: directory, listen: "127.0.0.1")
        var logger = Logger(label: "test.api")
        logger.logLevel = .critical  // the cancelled server's child channels log at error
        let api = DirectorAPI(store: store, credentials: credentials, scratchDirectory: directory + "/tmp", logger: logger)
        let bound = AsyncStream<Int>.makeStream()
        let app = try api.application(host: "127.0.0.1", port: 0) { port in bound.continuation.yield(port) }
        let server = Task { try await app.run() }
        var iterator = bound.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessError("the API did not start") }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(credentials.ca.utf8)))
        if tlsVersion12Only {
            // What the bosh CLI offers under TLS 1.2.
            tls.maximumTLSVersion = .tlsv12
            tls.cipherSuites = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
        let harness = APIHarness(store: store, credentials: credentials, port: port, client: client, server: server, directory: directory)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func stop() async {
        try? await client.shutdown()
        server.cancel()
        _ = await server.result
        await store.close()
    }

    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    }

    /// One request; `auth: nil` sends no credentials.
    func request(
        _ method: HTTPMethod, _ path: String, auth: (String, String)? = ("admin", ""), headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "https://127.0.0.1:\(port)\(path)")
        request.method = method
        if let auth {
            let password = auth.1.isEmpty && auth.0 == "admin" ? credentials.password : auth.1
            request.headers.add(name: "Authorization", value: "Basic " + Data("\(auth.0):\(password)".utf8).base64EncodedString())
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: response.status, headers: response.headers, body: String(buffer: bytes))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
