// libFuzzer target: the director API's routing and request handling, in process (no sockets): the input is
// `METHOD PATH\n` then a body; the request goes through the router (basic auth included) over a SQLite store
// in a scratch directory. Every answer must be an HTTP status the API means to give (never a 5xx).
import BoshDirectorAPI
import BoshDirectorStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("api-fuzz-\(getpid())").path

private final class Fixture: @unchecked Sendable {
    let store: DirectorStore
    let responder: any HTTPResponder<BasicRequestContext>
    let authorization: String

    init() {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var made: (DirectorStore, DirectorCredentials)?
        Task {
            try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let store = try! await DirectorStore.open(sqlitePath: scratch + "/director.db")
            let credentials = try! DirectorCredentials.loadOrGenerate(stateDirectory: scratch, listen: "127.0.0.1")
            made = (store, credentials)
            semaphore.signal()
        }
        semaphore.wait()
        store = made!.0
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        let api = DirectorAPI(store: store, credentials: made!.1, scratchDirectory: scratch + "/tmp", logger: logger)
        responder = api.router().buildResponder()
        authorization = "Basic " + Data("admin:\(made!.1.password)".utf8).base64EncodedString()
    }
}

private let fixture = Fixture()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let newline = bytes.firstIndex(of: 10) ?? bytes.count
    let line = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ", maxSplits: 1)
    let method = HTTPRequest.Method(String(line.first ?? "GET")) ?? .get
    var path = line.count > 1 ? String(line[1]) : "/"
    if !path.hasPrefix("/") { path = "/" + path }
    let body = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
    let semaphore = DispatchSemaphore(value: 0)
    Task {
        let channel = NIOAsyncTestingChannel()
        let request = Request(
            head: HTTPRequest(
                method: method, scheme: "https", authority: "127.0.0.1", path: path,
                headerFields: [.authorization: fixture.authorization, .contentType: "application/json"]),
            body: .init(buffer: ByteBuffer(bytes: body)))
        let context = BasicRequestContext(source: .init(channel: channel, logger: Logger(label: "fuzz")))
        do {
            let response = try await fixture.responder.respond(to: request, context: context)
            if response.status.code >= 500 { fatalError("\(method) \(path) answered \(response.status)") }
        } catch let error as HTTPError {
            if error.status.code >= 500 { fatalError("\(method) \(path) threw \(error)") }
        } catch {
            // Hummingbird answers other errors with 500: a route that throws what it should have answered.
            fatalError("\(method) \(path) threw \(error)")
        }
        _ = try? await channel.finish(acceptAlreadyClosed: true)
        semaphore.signal()
    }
    semaphore.wait()
    return 0
}
